// What the page says about itself and about an upload field: text only, read on demand.
import type { PageInfo } from '../protocol.ts';
import type { PageSignals } from '../../sites/verification.ts';
import { declinesWatermarks } from '../../sites/watermark-decline.ts';

const clip = (s: string | null | undefined, n = 300) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, n);

export function pageInfo(doc: Document): PageInfo {
  const ancestors = doc.location.ancestorOrigins;
  let topOrigin = ancestors?.length ? ancestors[ancestors.length - 1]! : '';
  if (!topOrigin && doc.defaultView !== doc.defaultView?.top && doc.referrer) topOrigin = new URL(doc.referrer).origin;
  return {
    url: doc.location.href,
    topOrigin,
    title: clip(doc.title, 200),
    siteName: clip(doc.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content, 100),
    headings: [...doc.querySelectorAll('h1, h2, h3')]
      .slice(0, 12)
      .map((h) => clip(h.textContent, 200))
      .filter(Boolean),
  };
}

/** Labels of a field or drop target: <label>, ARIA, name/id, and the text around it. */
export function fieldLabels(el: Element): string[] {
  const out: string[] = [];
  const doc = el.ownerDocument;
  const root = el.getRootNode() as Document | ShadowRoot;
  if (el.id) for (const l of root.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)) out.push(clip(l.textContent));
  out.push(clip(el.closest('label')?.textContent));
  out.push(clip(el.getAttribute('aria-label')));
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) out.push(clip((root.getElementById?.(id) ?? doc.getElementById(id))?.textContent));
  out.push(clip(el.getAttribute('name')), clip(el.id), clip(el.getAttribute('placeholder')), clip(el.getAttribute('title')));
  // The nearest ancestors' text (a card titled "Front of your ID"), and a shadow host's.
  let p: Element | null = el.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  for (let i = 0; i < 3 && p; i++, p = p.parentElement) out.push(clip(p.textContent));
  return out.filter(Boolean);
}

export function signalsFor(el: Element): PageSignals {
  const info = pageInfo(el.ownerDocument);
  return { url: info.url, title: info.title, headings: info.headings, labels: fieldLabels(el) };
}

/** A size limit stated next to the field: "max 5 MB", "不超过2M", "up to 500 KB". */
export function statedMaxBytes(texts: readonly string[]): number | undefined {
  for (const t of texts) {
    const m =
      /(?:max(?:imum)?|up to|less than|under|limit|不超过|不大于|最大|小于|以内|≤|<=)[^\d]{0,12}(\d+(?:\.\d+)?)\s*(mb|m|kb|k)\b/i.exec(t) ??
      /(\d+(?:\.\d+)?)\s*(mb|m|kb|k)\s*(?:max|以内|以下)/i.exec(t);
    if (!m) continue;
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    const bytes = Math.round(n * (unit.startsWith('k') ? 1024 : 1024 * 1024));
    if (bytes >= 50 * 1024) return bytes;
  }
  return undefined;
}

/**
 * The page's own text says it declines watermarked photos: its title, headings, the field's
 * labels and the visible text of the page (the start of it: a long page states its rules early).
 */
export function pageDeclinesWatermarks(doc: Document, info: PageInfo, labels: readonly string[]): boolean {
  const body = (doc.body?.innerText ?? '').slice(0, 50_000);
  return [info.title, ...info.headings, ...labels, body].some((t) => t && declinesWatermarks(t));
}
