// Does the page say it declines watermarked photos ("no watermarks", "请勿添加水印", "sans
// filigrane")? Some verification services reject any marked photo; then the prompt offers a
// cleaned copy without a watermark first. Read over the same normalised text as the
// verification words (NFKC, invisible characters removed, look-alike letters folded), so a
// disguised spelling still counts. Small: it runs in the content script.
import { fold, normalizeText } from './verification.ts';

// Latin-script languages: whole words. "no/without watermark", "do not add a watermark",
// "watermarked photos are not accepted", and the same in Spanish, Portuguese, French, German,
// Italian, Turkish, Indonesian and Vietnamese.
const LATIN = [
  String.raw`(?:no|without|free of|free from)\s+(?:a\s+|any\s+)?water\s?-?marks?`,
  String.raw`(?:do\s+not|don't|must\s+not|should\s+not|may\s+not|cannot|can't|never)\s+(?:\p{L}+\s+){0,3}water\s?-?mark`,
  String.raw`not\s+(?:be\s+)?water\s?-?marked`,
  String.raw`water\s?-?mark(?:s|ed)?\s+(?:\p{L}+\s+){0,4}(?:are|is|will\s+be|get|gets)\s+(?:not\s+(?:accepted|allowed|permitted)|declined|rejected|refused)`,
  String.raw`(?:sin|no\s+(?:se\s+aceptan|añadas|agregues|pongas))\s+(?:\p{L}+\s+){0,3}marcas?\s+de\s+agua`,
  String.raw`sem\s+(?:\p{L}+\s+){0,2}marcas?\s+d[e']?\s?água`,
  String.raw`(?:sans|pas\s+de|aucun|aucune)\s+filigranes?`,
  String.raw`(?:ohne|keine|keinen)\s+wasserzeichen`,
  String.raw`senza\s+filigran[ae]`,
  String.raw`filigransız|filigran\s+(?:olmadan|eklemeyin|içermemeli)`,
  String.raw`tanpa\s+(?:watermark|tanda\s+air)`,
  String.raw`không\s+(?:có\s+|chèn\s+|đóng\s+|được\s+(?:có|chèn)\s+)?(?:hình\s+mờ|watermark)`,
];
// Other scripts: anywhere. Chinese (simplified, traditional), Japanese, Korean, Russian,
// Ukrainian, Thai, Arabic, Hindi.
const OTHER = [
  '(?:不要|请勿|請勿|切勿|勿|不得|禁止|不能|不可|不允许|不允許|不接受)[^。！!？?；;\\n]{0,8}(?:浮)?水印',
  '[无無](?:浮)?水印',
  '透かし(?:なし|無し|のない|を入れない|入りの?[^。]{0,10}(?:不可|受け付け))',
  'ウォーターマーク(?:なし|無し|のない)',
  '워터마크\\s*(?:없이|없는|없어야|금지|불가)',
  'без\\s+водян(?:ых|ого|их)\\s+знак',
  'ไม่มีลายน้ำ|ห้าม(?:ใส่|มี)ลายน้ำ',
  'بدون\\s+(?:علامة|علامات)\\s+مائية',
  'बिना\\s+वॉटरमार्क',
];

const LATIN_RE = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${LATIN.join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
const OTHER_RE = new RegExp(OTHER.join('|'), 'iu');

export function declinesWatermarks(text: string): boolean {
  const n = normalizeText(text).replace(/[’‘`]/g, "'").replace(/\s+/g, ' ');
  const f = fold(n);
  return LATIN_RE.test(n) || OTHER_RE.test(n) || (f !== n && LATIN_RE.test(f));
}
