// The prompt: an extension page in an iframe, inside a closed shadow root, so the page can
// neither read the frame nor learn the nonce in its address. Files go in and come back over a
// private MessageChannel.
import { PROMPT_READY, type PromptAnswer, type PromptInit } from './protocol.ts';

/** If the prompt does not load (it always should), the page must not be left waiting. */
const LOAD_TIMEOUT_MS = 15_000;

const OVERLAY = `:host{all:initial}
.backdrop{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.45)}
iframe{width:min(560px,calc(100vw - 16px));height:min(680px,calc(100vh - 16px));border:0;border-radius:10px;box-shadow:0 10px 40px rgba(0,0,0,.35);background:#fff;color-scheme:normal}
.hidden{position:fixed;width:1px;height:1px;opacity:0;pointer-events:none;left:-10px;top:-10px}`;

export function openPrompt(doc: Document, promptUrl: string, init: Omit<PromptInit, 'type' | 'nonce'>): Promise<PromptAnswer> {
  const nonce = crypto.randomUUID();
  const host = doc.createElement('idstamp-prompt');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = OVERLAY;
  const iframe = doc.createElement('iframe');
  iframe.src = `${promptUrl}#${nonce}`;
  iframe.title = 'IDStamp';
  const wrap = doc.createElement('div');
  if (init.mode === 'silent') iframe.className = 'hidden';
  else wrap.className = 'backdrop';
  wrap.append(iframe);
  shadow.append(style, wrap);
  const before = doc.activeElement as HTMLElement | null;
  (doc.body ?? doc.documentElement).append(host);

  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const finish = (answer: PromptAnswer) => {
      clearTimeout(timer);
      channel.port1.close();
      // Hide now; remove once the click that answered has finished in the frame.
      host.style.display = 'none';
      setTimeout(() => host.remove(), 50);
      before?.focus?.();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ type: 'original' }), LOAD_TIMEOUT_MS);
    channel.port1.onmessage = (m: MessageEvent) => {
      if (m.data === PROMPT_READY) {
        clearTimeout(timer);
        if (init.mode !== 'silent') iframe.focus();
      } else if (m.data && typeof m.data === 'object' && ['use', 'original', 'cancel'].includes((m.data as PromptAnswer).type)) finish(m.data as PromptAnswer);
    };
    iframe.addEventListener('load', () => {
      const message: PromptInit = { type: 'idstamp:init', nonce, ...init };
      iframe.contentWindow?.postMessage(message, new URL(promptUrl).origin, [channel.port2]);
    }, { once: true });
  });
}
