import { describe, expect, it } from 'vitest';
import { isProviderHost, looksLikeVerification, mentionsVerification } from '../../src/sites/verification.ts';

const page = (over: Partial<Parameters<typeof looksLikeVerification>[0]>) => ({ url: 'https://example.com/', title: '', headings: [], labels: [], ...over });

describe('verification pages', () => {
  it.each([
    'Identity verification',
    'Upload your passport',
    'KYC level 2',
    "Driver's license (front)",
    'Proof of address',
    'Take a selfie',
    '身份认证',
    '实名认证',
    '上传证件照片',
    '护照首页',
    '本人確認書類',
    'Verificación de identidad',
    'Vérification d’identité',
    'Верификация аккаунта',
    'Kimlik doğrulama',
  ])('recognises "%s"', (text) => expect(mentionsVerification(text)).toBe(true));

  it.each([
    'Upload your avatar',
    'Profile picture',
    'Attach a receipt',
    'Identify yourself to the world'.replace('Identify', 'Introduce'),
    'Verifying is fun'.replace('Verifying', 'Sharing'),
    'kycx',
    'passports4u',
  ])('ignores "%s"', (text) => expect(mentionsVerification(text)).toBe(false));

  it('looks at the URL path, title, headings and labels', () => {
    expect(looksLikeVerification(page({ url: 'https://www.okx.com/account/kyc-verify' }))).toBe(true);
    expect(looksLikeVerification(page({ url: 'https://bank.example/onboarding?step=id_verification' }))).toBe(true);
    expect(looksLikeVerification(page({ title: 'Verify your identity – Kraken' }))).toBe(true);
    expect(looksLikeVerification(page({ headings: ['Step 2: 上传身份证'] }))).toBe(true);
    expect(looksLikeVerification(page({ labels: ['Front of your ID card'] }))).toBe(true);
    expect(looksLikeVerification(page({ url: 'https://photos.example/upload', title: 'Upload photos', headings: ['Your album'], labels: ['Add photo'] }))).toBe(false);
  });

  it('knows verification providers, including their subdomains', () => {
    expect(isProviderHost('in.sumsub.com')).toBe(true);
    expect(isProviderHost('withpersona.com')).toBe(true);
    expect(isProviderHost('notsumsub.com')).toBe(false);
    expect(looksLikeVerification(page({ url: 'https://api.onfido.com/widget' }))).toBe(true);
  });

  // Hostile pages (issue 10): look-alike letters, invisible characters and compatibility forms.
  it.each(['Upload your p\u0430ssport', 'Upload your pass\u200bport', 'V\u0435rify your id\u0435ntity', 'ＫＹＣ check', 'Ｐａｓｓｐｏｒｔ', 'pa\u00adss\u2060port', '上传身\u200b份证'])(
    'sees through disguised "%s"',
    (text) => expect(mentionsVerification(text)).toBe(true),
  );
  it('still reads Cyrillic words, and folding invents nothing', () => {
    expect(mentionsVerification('Загрузите паспорт')).toBe(true);
    expect(mentionsVerification('мама и папа')).toBe(false);
    expect(mentionsVerification('Upload your avatar')).toBe(false);
  });
});
