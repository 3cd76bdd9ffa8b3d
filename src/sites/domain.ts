// The site a copy is for, as a person reads it: the registrable domain (okx.com, not
// www.okx.com or verify.okx.com; bank.co.uk, not co.uk), from the public suffix list.
import { getDomain, parse } from 'tldts';

export function registrableDomain(urlOrHost: string): string {
  const input = urlOrHost.trim();
  if (!input) return '';
  let host = input;
  try {
    const url = new URL(input.includes('://') ? input : `https://${input}`);
    if (!/^https?:$/.test(url.protocol)) return '';
    host = url.hostname;
  } catch {
    return '';
  }
  const info = parse(host);
  if (info.isIp || host === 'localhost') return host;
  return getDomain(host) ?? host;
}

interface TabsApi {
  query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ url?: string }[]>;
}

/** The active tab's site ('' when it is not a web page, or unknown without activeTab). */
export async function activeTabSite(tabs: TabsApi): Promise<string> {
  const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.url ? registrableDomain(tab.url) : '';
}
