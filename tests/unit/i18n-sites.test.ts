import { describe, expect, it } from 'vitest';
import { en, toMessagesJson } from '../../src/i18n/messages.ts';
import { t } from '../../src/i18n/t.ts';
import { activeTabSite, registrableDomain } from '../../src/sites/domain.ts';
import { readTree } from '../helpers/locales.ts';

describe('messages', () => {
  it('writes chrome.i18n messages: {fields} as named placeholders numbered in English order', () => {
    const ja = toMessagesJson(readTree('ja').ui);
    expect(Object.keys(ja)).toEqual(Object.keys(en));
    // "$2 件中 $1 件": the Japanese puts the total first; the browser still gets (done, total).
    expect(ja.saved).toEqual({ message: '$total$ 件中 $done$ 件のファイルを保存しました。', placeholders: { done: { content: '$1' }, total: { content: '$2' } } });
    expect(toMessagesJson(en).stampSave).toEqual({ message: en.stampSave });
    expect(toMessagesJson({ ...en, stampSave: 'Pay $5' }).stampSave).toEqual({ message: 'Pay $$5' });
  });

  it('falls back to English outside the extension, fields by name, one not given as written', () => {
    expect(t('saved', { done: 2, total: 3 })).toBe('Saved 2 of 3 files.');
    expect(t('defaultPurposeHint')).toContain('{site}');
  });
});

describe('registrable domain', () => {
  it.each([
    ['https://www.okx.com/account/verification', 'okx.com'],
    ['https://verify.kyc.binance.com', 'binance.com'],
    ['https://online.bank.co.uk/id', 'bank.co.uk'],
    ['https://www.icbc.com.cn', 'icbc.com.cn'],
    ['www.okx.com', 'okx.com'],
    ['http://localhost:8080/x', 'localhost'],
    ['http://127.0.0.1:5173/', '127.0.0.1'],
    ['chrome://extensions', ''],
    ['file:///home/me/passport.jpg', ''],
    ['', ''],
    ['not a url at all', ''],
  ])('%s → %s', (input, domain) => expect(registrableDomain(input)).toBe(domain));

  it('reads the active tab through the API it is given', async () => {
    const tabs = { query: async () => [{ url: 'https://www.kraken.com/verify' }] };
    expect(await activeTabSite(tabs)).toBe('kraken.com');
    expect(await activeTabSite({ query: async () => [{}] })).toBe('');
  });
});
