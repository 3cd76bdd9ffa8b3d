// A small notice on the page after IDStamp handed it a copy ("IDStamp handed this page a
// stamped copy"). It lives in our own closed shadow host, in the top layer, takes no clicks and
// goes away by itself. Its text is one of two fixed sentences from our prompt: never the
// purpose line, the trace code or a file name, and nothing the page can choose.

const SHOW_MS = 5000;
const MAX_CHARS = 200;

const STYLE = `:host{all:initial!important;display:block!important;position:fixed!important;inset:auto 16px 16px auto!important;width:auto!important;height:auto!important;max-width:min(360px,calc(100vw - 32px))!important;margin:0!important;padding:0!important;border:0!important;background:transparent!important;opacity:1!important;visibility:visible!important;filter:none!important;transform:none!important;overflow:visible!important;z-index:2147483647!important;pointer-events:none!important}
div{font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;background:#1f2937;color:#fff;padding:10px 14px;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.3)}
b{font-weight:600}`;

export function showToast(doc: Document, text: unknown): void {
  if (typeof text !== 'string' || !text.trim()) return;
  const host = doc.createElement('idstamp-toast');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.setAttribute('role', 'status');
  box.dir = 'auto'; // the prompt's language, whatever the page's
  box.textContent = text.slice(0, MAX_CHARS);
  shadow.append(style, box);
  host.setAttribute('popover', 'manual');
  (doc.body ?? doc.documentElement).append(host);
  try {
    host.showPopover();
  } catch {
    // No popover support: the fixed position still shows it.
  }
  setTimeout(() => host.remove(), SHOW_MS);
}
