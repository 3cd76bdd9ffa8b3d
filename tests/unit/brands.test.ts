import { describe, expect, it } from 'vitest';
import { findLookalike, mergeBrands } from '../../src/sites/brands.ts';

const page = (url: string, title = '', siteName = '', headings: string[] = []) => ({ url, title, siteName, headings });

describe('lookalike pages', () => {
  it('warns when a page claims a brand on a domain that is not the brand’s', () => {
    expect(findLookalike(page('https://okx-verify.help/kyc', 'OKX | Identity verification'))).toEqual({ brand: 'OKX', domain: 'okx-verify.help', official: expect.arrayContaining(['okx.com']) });
    expect(findLookalike(page('https://secure-login.co/', '', 'Binance'))?.brand).toBe('Binance');
    expect(findLookalike(page('https://xn--bnance-bwa.com/', 'Account', '', ['币安 身份认证']))?.brand).toBe('Binance');
    expect(findLookalike(page('http://127.0.0.1:8080/', 'Kraken Verify'))?.brand).toBe('Kraken');
  });

  it('stays quiet on the real domains, their subdomains, providers and unrelated pages', () => {
    expect(findLookalike(page('https://www.okx.com/account/verification', 'OKX | Identity verification'))).toBeUndefined();
    expect(findLookalike(page('https://accounts.binance.com/en/kyc', 'Binance KYC'))).toBeUndefined();
    expect(findLookalike(page('https://in.sumsub.com/idensic/l/#/abc', 'Binance - verification'))).toBeUndefined();
    expect(findLookalike(page('https://example.com/', 'Tokxyz upload'))).toBeUndefined();
    expect(findLookalike(page('not a url', 'OKX'))).toBeUndefined();
  });

  it('takes the user’s own official domains and brands', () => {
    const brands = mergeBrands([
      { name: 'OKX', domains: ['https://www.okx-partner.com'] },
      { name: 'My Bank', domains: ['mybank.example'] },
    ]);
    expect(findLookalike(page('https://verify.okx-partner.com/', 'OKX verification'), brands)).toBeUndefined();
    expect(findLookalike(page('https://mybank-secure.example/', 'My Bank – upload ID'), brands)?.brand).toBe('My Bank');
    expect(findLookalike(page('https://mybank.example/', 'My Bank – upload ID'), brands)).toBeUndefined();
  });
});

import { parseBrandLines } from '../../src/ui/options.ts';

describe('brand lines in the options page', () => {
  it('reads "Name: domains" lines and skips the rest', () => {
    expect(parseBrandLines('OKX: okx-partner.com, okx.ae\n\nnonsense\nMy Bank: mybank.example；  other.example\nEmpty:  ')).toEqual([
      { name: 'OKX', domains: ['okx-partner.com', 'okx.ae'] },
      { name: 'My Bank', domains: ['mybank.example', 'other.example'] },
    ]);
  });
});
