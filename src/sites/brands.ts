// Brands people verify their identity with, and the domains that are really theirs. A page
// that presents itself as one of them on another domain is a likely phishing copy.
import { registrableDomain } from './domain.ts';
import { isProviderHost } from './verification.ts';

export interface Brand {
  name: string;
  /** Names as pages write them (lowercase), in any script. */
  aliases: string[];
  /** Registrable domains that belong to the brand. */
  domains: string[];
}

export const BRANDS: Brand[] = [
  { name: 'Binance', aliases: ['binance', '币安', '幣安'], domains: ['binance.com', 'binance.us', 'binance.info', 'binance.me', 'binance.th', 'binance.co.jp', 'binance.tr', 'binance.bh'] },
  { name: 'OKX', aliases: ['okx', '欧易', '歐易', 'okex'], domains: ['okx.com', 'okx.cab', 'okex.com', 'okx.ae'] },
  { name: 'Coinbase', aliases: ['coinbase'], domains: ['coinbase.com'] },
  { name: 'Kraken', aliases: ['kraken'], domains: ['kraken.com'] },
  { name: 'Bybit', aliases: ['bybit'], domains: ['bybit.com', 'bybit.nl', 'bybit.eu', 'bybit.kz'] },
  { name: 'KuCoin', aliases: ['kucoin'], domains: ['kucoin.com'] },
  { name: 'Bitget', aliases: ['bitget'], domains: ['bitget.com'] },
  { name: 'Gate', aliases: ['gate.io', 'gate.com'], domains: ['gate.io', 'gate.com'] },
  { name: 'HTX', aliases: ['htx', 'huobi', '火币'], domains: ['htx.com', 'huobi.com'] },
  { name: 'Crypto.com', aliases: ['crypto.com'], domains: ['crypto.com'] },
  { name: 'Gemini', aliases: ['gemini exchange'], domains: ['gemini.com'] },
  { name: 'Bitstamp', aliases: ['bitstamp'], domains: ['bitstamp.net'] },
  { name: 'Bitfinex', aliases: ['bitfinex'], domains: ['bitfinex.com'] },
  { name: 'MEXC', aliases: ['mexc'], domains: ['mexc.com'] },
  { name: 'Upbit', aliases: ['upbit'], domains: ['upbit.com'] },
  { name: 'PayPal', aliases: ['paypal'], domains: ['paypal.com', 'paypal.me'] },
  { name: 'Revolut', aliases: ['revolut'], domains: ['revolut.com'] },
  { name: 'Wise', aliases: ['wise.com', 'transferwise'], domains: ['wise.com', 'transferwise.com'] },
  { name: 'N26', aliases: ['n26'], domains: ['n26.com'] },
  { name: 'Monzo', aliases: ['monzo'], domains: ['monzo.com'] },
  { name: 'HSBC', aliases: ['hsbc', '汇丰', '滙豐'], domains: ['hsbc.com', 'hsbc.co.uk', 'hsbc.com.hk', 'hsbc.com.cn', 'hsbc.ca', 'us.hsbc.com'] },
  { name: 'Barclays', aliases: ['barclays'], domains: ['barclays.co.uk', 'barclays.com'] },
  { name: 'Chase', aliases: ['chase bank', 'jpmorgan chase'], domains: ['chase.com', 'jpmorganchase.com'] },
  { name: 'Bank of America', aliases: ['bank of america'], domains: ['bankofamerica.com'] },
  { name: 'ICBC', aliases: ['icbc', '工商银行'], domains: ['icbc.com.cn', 'icbc.com', 'icbc-ltd.com'] },
  { name: 'Bank of China', aliases: ['bank of china', '中国银行'], domains: ['boc.cn', 'bankofchina.com'] },
  { name: 'China Merchants Bank', aliases: ['招商银行'], domains: ['cmbchina.com'] },
  { name: 'Alipay', aliases: ['alipay', '支付宝'], domains: ['alipay.com'] },
  { name: 'Airbnb', aliases: ['airbnb'], domains: ['airbnb.com'] },
  { name: 'Booking.com', aliases: ['booking.com'], domains: ['booking.com'] },
  { name: 'Sumsub', aliases: ['sumsub'], domains: ['sumsub.com'] },
  { name: 'Onfido', aliases: ['onfido'], domains: ['onfido.com'] },
  { name: 'Jumio', aliases: ['jumio'], domains: ['jumio.com', 'netverify.com'] },
  { name: 'Veriff', aliases: ['veriff'], domains: ['veriff.com', 'veriff.me'] },
  { name: 'Persona', aliases: ['withpersona'], domains: ['withpersona.com'] },
];

/** User additions: extra official domains for a known brand, or a brand of their own. */
export interface UserBrand {
  name: string;
  domains: string[];
}

export function mergeBrands(extra: readonly UserBrand[], base: readonly Brand[] = BRANDS): Brand[] {
  const out = base.map((b) => ({ ...b, domains: [...b.domains] }));
  for (const u of extra) {
    const name = u.name.trim();
    if (!name) continue;
    const known = out.find((b) => b.name.toLowerCase() === name.toLowerCase() || b.aliases.includes(name.toLowerCase()));
    const domains = u.domains.map((d) => registrableDomain(d) || d.trim().toLowerCase()).filter(Boolean);
    if (known) known.domains.push(...domains);
    else out.push({ name, aliases: [name.toLowerCase()], domains });
  }
  return out;
}

const mentions = (text: string, alias: string): boolean => {
  const t = text.toLowerCase();
  if (/^[\x20-\x7e]+$/.test(alias)) {
    // Latin names: whole words ("okx" in "OKX Verification", not in "tokxyz").
    const re = new RegExp(`(?:^|[^a-z0-9])${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^a-z0-9])`);
    return re.test(t);
  }
  return t.includes(alias);
};

export interface Lookalike {
  brand: string;
  domain: string;
  official: string[];
}

/**
 * The brand a page claims (title, og:site_name, headings) when its domain is not one of the
 * brand's. Verification providers' own pages show their clients' names, so they are exempt.
 */
export function findLookalike(page: { url: string; title: string; siteName: string; headings: readonly string[] }, brands: readonly Brand[] = BRANDS): Lookalike | undefined {
  let host = '';
  try {
    host = new URL(page.url).hostname;
  } catch {
    return undefined;
  }
  if (isProviderHost(host)) return undefined;
  const domain = registrableDomain(page.url);
  const claims = [page.siteName, page.title, ...page.headings.slice(0, 3)].filter(Boolean);
  for (const b of brands) {
    if (!claims.some((c) => b.aliases.some((a) => mentions(c, a)))) continue;
    if (b.domains.some((d) => domain === d || host === d || host.endsWith(`.${d}`))) return undefined;
    return { brand: b.name, domain: domain || host, official: b.domains };
  }
  return undefined;
}
