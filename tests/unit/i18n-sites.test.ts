import { describe, expect, it } from 'vitest';
import { en, toMessagesJson, zh_CN } from '../../src/i18n/messages.ts';
import { t } from '../../src/i18n/t.ts';
import { activeTabSite, registrableDomain } from '../../src/sites/domain.ts';

describe('messages', () => {
  it('has every key in both languages, with the same substitutions, and Chinese text in Chinese', () => {
    expect(Object.keys(zh_CN).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh_CN[k].match(/\$\d/g)?.sort(), k).toEqual(en[k].match(/\$\d/g)?.sort());
      expect(zh_CN[k].trim().length, k).toBeGreaterThan(0);
    }
    const chinese = Object.values(zh_CN).filter((v) => /[\u4e00-\u9fff]/.test(v));
    expect(chinese.length / Object.keys(zh_CN).length).toBeGreaterThan(0.85);
  });

  it('writes chrome.i18n messages with named placeholders', () => {
    expect(toMessagesJson({ saved: 'Saved $1 of $2 files.' })).toEqual({
      saved: { message: 'Saved $p1$ of $p2$ files.', placeholders: { p1: { content: '$1' }, p2: { content: '$2' } } },
    });
    expect(toMessagesJson({ a: 'plain' })).toEqual({ a: { message: 'plain' } });
  });

  it('falls back to English outside the extension', () => {
    expect(t('saved', 2, 3)).toBe('Saved 2 of 3 files.');
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
