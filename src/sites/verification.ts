// Is this an identity-verification upload? Small on purpose: it runs in the content script of
// every page. Keywords in several languages over the URL, title, headings and the field's
// own labels, plus the domains of verification providers (their widgets live in iframes).

/** Hosts of identity-verification providers (their own domains and widget hosts). */
export const PROVIDER_DOMAINS = [
  'sumsub.com',
  'onfido.com',
  'jumio.com',
  'netverify.com',
  'veriff.com',
  'veriff.me',
  'withpersona.com',
  'trulioo.com',
  'shuftipro.com',
  'idenfy.com',
  'au10tix.com',
  'yoti.com',
  'socure.com',
  'idnow.de',
  'idnow.io',
  'mitek.com',
  'incode.com',
  'ondato.com',
  'kycaid.com',
  'didit.me',
  'fractal.id',
  'synaps.io',
];

// Words that mark identity verification, or the documents it asks for. Latin words match on
// word boundaries; CJK and others anywhere.
const WORDS = [
  'kyc',
  'ekyc',
  'verify',
  'verification',
  'verifications',
  'identity',
  'id card',
  'id-card',
  'idcard',
  'passport',
  "driver's licen[cs]e",
  'drivers licen[cs]e',
  'driving licen[cs]e',
  'proof of address',
  'proof of residence',
  'selfie',
  'liveness',
  'national id',
  'residence permit',
  'identification',
  'id document',
  'identity document',
  'verificación',
  'verificacion',
  'identidad',
  'pasaporte',
  'vérification',
  'identité',
  'passeport',
  'verifizierung',
  'identität',
  'ausweis',
  'reisepass',
  'verifica',
  'identità',
  'passaporto',
  'verificação',
  'identidade',
  'passaporte',
  'doğrulama',
  'kimlik',
  'pasaport',
  'верификац\\p{L}*',
  'паспорт\\p{L}*',
  'удостоверени\\p{L}*',
  'личност\\p{L}*',
  'xác minh',
  'căn cước',
  'hộ chiếu',
];
const SCRIPT_WORDS = [
  '身份',
  '认证',
  '實名',
  '实名',
  '证件',
  '證件',
  '护照',
  '護照',
  '驾驶证',
  '駕照',
  '人脸',
  '自拍',
  '本人確認',
  '身分証',
  '運転免許',
  '신분증',
  '본인인증',
  '여권',
  'التحقق',
  'الهوية',
  'جواز',
];

const LATIN = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${WORDS.join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
const OTHER = new RegExp(SCRIPT_WORDS.join('|'), 'u');

// Pages can spell "pаssport" with a Cyrillic а, or hide zero-width characters inside a word:
// the text is normalised (NFKC, invisible characters removed) and also read with look-alike
// Cyrillic and Greek letters folded to Latin (the unfolded text keeps Russian words matching).
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const LOOKALIKES = 'аaвbеeкkмmнhоoрpсcтtуyхxіiјjѕsԁdԛqԝwαaβbεeιiκkνvοoρpτtυuχx';
const FOLD = new Map([...LOOKALIKES.matchAll(/(.)(.)/gu)].map((m) => [m[1]!, m[2]!]));
export const normalizeText = (text: string): string => text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
export const fold = (text: string) => text.replace(/[\u0370-\u052f]/g, (c) => FOLD.get(c) ?? c);

export const mentionsVerification = (text: string): boolean => {
  const n = normalizeText(text);
  const f = fold(n);
  return LATIN.test(n) || OTHER.test(n) || (f !== n && LATIN.test(f));
};

/** Hosts match their registrable domain or any subdomain of it. */
export const isProviderHost = (host: string): boolean => PROVIDER_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));

export interface PageSignals {
  url: string;
  title: string;
  headings: string[];
  /** Text that labels the upload: <label>, aria-label, name, id, nearby text. */
  labels: string[];
}

export function looksLikeVerification(s: PageSignals): boolean {
  let url: URL | undefined;
  try {
    url = new URL(s.url);
  } catch {
    // keep going with the text signals
  }
  if (url && isProviderHost(url.hostname)) return true;
  // Paths and queries use separators, not spaces: "id-verification", "kyc_upload".
  const path = url ? decodeURIComponent(url.pathname + url.search + url.hash).replace(/[-_/.?=&#+]+/g, ' ') : '';
  return [path, s.title, ...s.headings, ...s.labels].some((t) => t && mentionsVerification(t));
}
