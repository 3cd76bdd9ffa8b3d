// The prompt framed into the page: an extension page in an iframe, inside a closed shadow root
// on a top-layer popover host, so the page can neither read the frame nor cover it with its own
// popovers (those would have to open later, which the prompt notices). The content script
// watches the frame: removed, moved, reloaded, never loaded or silent → the page gets nothing
// (fail closed); hidden, faded or filtered → the prompt moves to a window of its own.
import { showToast } from './toast.ts';
import { PROMPT_ALIVE, PROMPT_CLOSE, PROMPT_MOVED, PROMPT_READY, PROMPT_TO_WINDOW, type PromptAnswer, type PromptFailure, type PromptInit, type PromptMode } from '../protocol.ts';

const LOAD_TIMEOUT_MS = 15_000;
/** The prompt says it is alive every second; stamping a big PDF may hold it up for a while. */
const SILENCE_MS = 20_000;
const TICK_MS = 150;
/** The prompt's confirmation after "Stamp and use" stays at most this long. */
const LINGER_MAX_MS = 12_000;

/**
 * The smallest framed prompt: in a smaller window it would not fit the viewport (shownAsDrawn
 * fails) and opens in a window of its own instead. The prompt's layout is tested at this size.
 */
export const MIN_FRAME = { width: 320, height: 440 };

// !important in the shadow tree outranks the page's styles on the host, even its !important ones.
const OVERLAY = `:host{all:initial!important;display:block!important;zoom:1!important;position:fixed!important;inset:0!important;width:100vw!important;height:100vh!important;max-width:none!important;max-height:none!important;margin:0!important;padding:0!important;border:0!important;background:transparent!important;opacity:1!important;visibility:visible!important;filter:none!important;transform:none!important;clip-path:none!important;overflow:visible!important;z-index:2147483647!important;pointer-events:auto!important}
:host(.silent){inset:auto!important;left:-10px!important;top:-10px!important;width:1px!important;height:1px!important;pointer-events:none!important}
.backdrop{position:fixed;inset:0;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.45)}
iframe{width:min(560px,calc(100vw - 16px));height:min(680px,calc(100vh - 16px));min-width:${MIN_FRAME.width}px;min-height:${MIN_FRAME.height}px;border:0;box-shadow:0 10px 40px rgba(0,0,0,.35);background:#fff;color-scheme:normal}
.silent iframe{width:1px;height:1px}
[hidden]{display:none}`;

export type FrameResult = PromptAnswer | PromptFailure | { type: 'window' };

/** The host and everything above it are shown as drawn: no fading, filters, clipping or transforms. */
export function shownAsDrawn(host: Element, frame: Element): boolean {
  const win = host.ownerDocument.defaultView!;
  if (!host.isConnected || (host.matches(':popover-open') === false && 'showPopover' in host)) return false;
  let opacity = 1;
  for (let el: Element | null = host; el; el = el.parentElement) {
    const s = win.getComputedStyle(el);
    opacity *= Number(s.opacity);
    if (s.display === 'none' || s.filter !== 'none' || s.clipPath !== 'none' || (s.mask && s.mask !== 'none') || (el === host && s.transform !== 'none')) return false;
  }
  const r = frame.getBoundingClientRect();
  const s = win.getComputedStyle(host);
  return opacity >= 0.7 && s.visibility === 'visible' && r.width > 100 && r.height > 100 && r.left >= 0 && r.top >= 0 && r.right <= win.innerWidth + 1 && r.bottom <= win.innerHeight + 1;
}

export function openPrompt(doc: Document, promptUrl: string, promptOrigin: string, token: string, files: File[], mode: PromptMode): Promise<FrameResult> {
  const host = doc.createElement('idstamp-prompt');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = OVERLAY;
  const iframe = doc.createElement('iframe');
  iframe.src = promptUrl;
  iframe.title = 'IDStamp';
  const wrap = doc.createElement('div');
  if (mode === 'silent') host.className = 'silent';
  else wrap.className = 'backdrop';
  wrap.append(iframe);
  shadow.append(style, wrap);
  host.setAttribute('popover', 'manual');
  const before = doc.activeElement as HTMLElement | null;
  const parent = doc.body ?? doc.documentElement;
  parent.append(host);
  try {
    host.showPopover();
  } catch {
    // No popover support: the shadow styles still put it above the page.
  }

  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const start = Date.now();
    let ready = 0;
    let alive = 0;
    let loads = 0;
    let rect = '';
    let done = false;
    let closed = false;
    const close = (toast?: string) => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      channel.port1.close();
      // Hide now; remove once the click that answered has finished in the frame.
      wrap.hidden = true;
      setTimeout(() => host.remove(), 50);
      before?.focus?.();
      showToast(doc, toast);
    };
    const finish = (answer: FrameResult) => {
      if (done) return;
      done = true;
      resolve(answer);
      // Handed over: the page has its files; the prompt may stay a moment for its confirmation,
      // answering nothing more (the person closes it, or it closes itself).
      if (answer.type === 'use' && answer.linger) {
        setTimeout(() => close(answer.toast), LINGER_MAX_MS);
        channel.port1.onmessage = (m: MessageEvent) => m.data === PROMPT_CLOSE && close(answer.toast);
        return;
      }
      close(answer.type === 'use' ? answer.toast : undefined);
    };
    const timer = setInterval(() => {
      if (done) return void (!host.isConnected && close());
      const now = Date.now();
      if (!host.isConnected || host.parentNode !== parent || !iframe.isConnected) return finish({ type: 'failed', reason: 'removed' });
      if (!ready) return void (now - start > LOAD_TIMEOUT_MS && finish({ type: 'failed', reason: 'not-loaded' }));
      if (now - alive > SILENCE_MS) return finish({ type: 'failed', reason: 'unresponsive' });
      if (mode === 'silent') return;
      if (!shownAsDrawn(host, iframe)) return finish({ type: 'window' });
      const r = iframe.getBoundingClientRect();
      const key = `${r.x},${r.y},${r.width},${r.height}`;
      if (rect && key !== rect) channel.port1.postMessage(PROMPT_MOVED);
      rect = key;
    }, TICK_MS);
    channel.port1.onmessage = (m: MessageEvent) => {
      const d = m.data as unknown;
      if (d === PROMPT_READY) {
        ready = alive = Date.now();
        if (mode !== 'silent') iframe.focus();
      } else if (d === PROMPT_ALIVE) alive = Date.now();
      else if (d === PROMPT_TO_WINDOW) finish({ type: 'window' });
      else if (d && typeof d === 'object' && ['use', 'original', 'cancel'].includes((d as PromptAnswer).type)) finish(d as PromptAnswer);
    };
    iframe.addEventListener('load', () => {
      // A second load: the frame was navigated or moved in the document. It starts afresh
      // without the files, so this prompt can no longer answer.
      if (++loads > 1) return finish({ type: 'failed', reason: 'removed' });
      const message: PromptInit = { type: 'idstamp:init', token, files };
      iframe.contentWindow?.postMessage(message, promptOrigin, [channel.port2]);
    });
  });
}
