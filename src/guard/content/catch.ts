// The upload guard, in every frame of every page (isolated world, document_start). It only
// watches: a trusted file choice or drop of images/PDFs, on a page where the settings say so,
// is held back, shown to the person in the prompt, and what they approve is handed on.
import { looksLikeVerification } from '../../sites/verification.ts';
import { openPrompt, type FrameResult } from './frame.ts';
import { fromWire, toWire, type GuardMessage, type PromptAnswer, type PromptFailure, type PromptJob, type PromptMode, type WireAnswer } from '../protocol.ts';
import { decide, guardSettings, GUARD_DEFAULTS, type GuardSettings } from './settings-lite.ts';
import { fieldLabels, pageDeclinesWatermarks, pageInfo, signalsFor, statedMaxBytes } from './signals.ts';
import { showToast } from './toast.ts';
import { dropFiles, pasteFiles, putFiles } from './swap.ts';

export interface GuardEnv {
  window: Window;
  /** storage.local, read and watched for the settings. */
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    /** storage.local.onChanged: changes only (no area argument, unlike storage.onChanged). */
    onChanged: { addListener(cb: (changes: Record<string, { newValue?: unknown }>) => void): void };
  };
  promptUrl: string;
  /** The origin the prompt frame ends up with (the only one our files may go to). */
  promptOrigin: string;
  /** runtime messaging: the background's broker, and a prompt window's requests. */
  runtime: {
    sendMessage(m: GuardMessage): Promise<unknown>;
    onMessage: { addListener(cb: (m: GuardMessage) => Promise<unknown> | undefined): void };
  };
  /** chrome.dom.openOrClosedShadowRoot, or Firefox's element.openOrClosedShadowRoot. */
  shadowOf(el: Element): ShadowRoot | null;
}

const DOCUMENT_TYPES = /^(image\/|application\/pdf$)/;
const DOCUMENT_NAMES = /\.(jpe?g|jfif|png|webp|gif|bmp|heic|heif|avif|tiff?|pdf)$/i;
export const isDocument = (f: File): boolean => DOCUMENT_TYPES.test(f.type) || DOCUMENT_NAMES.test(f.name);
const isImage = (f: File) => f.type.startsWith('image/') || /\.(jpe?g|jfif|png|webp|gif|bmp|heic|heif|avif|tiff?)$/i.test(f.name);

export function startGuard(env: GuardEnv): void {
  const win = env.window;
  let settings: GuardSettings = GUARD_DEFAULTS;
  void env.storage.get('settings').then(
    (r) => (settings = guardSettings(r.settings)),
    () => undefined,
  );
  // A rule set in the prompt ("always / never on this site") applies to the next pick, no reload.
  env.storage.onChanged.addListener((changes) => {
    if ('settings' in changes) settings = guardSettings(changes.settings?.newValue);
  });

  /** Inputs and drop targets with a prompt open: their follow-up events are held too. */
  const holding = new WeakSet<EventTarget>();

  /** Prompts in a window of their own, by token: they fetch the files and answer over runtime messaging. */
  const windows = new Map<string, { files: File[]; resolve: (a: PromptAnswer) => void }>();
  env.runtime.onMessage.addListener((m) => {
    const w = m && 'token' in m ? windows.get(m.token) : undefined;
    if (!w) return undefined;
    if (m.t === 'guard:files') return Promise.all(w.files.map(toWire)).then((files) => ({ files }));
    if (m.t !== 'guard:answer') return undefined;
    windows.delete(m.token);
    const a = m.answer as WireAnswer;
    w.resolve(a.type === 'use' ? { type: 'use', files: a.files.map(fromWire), linger: true } : a.type === 'original' ? a : { type: 'cancel' });
    // The person is looking at the window: the page's notice shows at once.
    if (a.type === 'use') showToast(win.document, a.toast);
    return Promise.resolve(true);
  });
  const inWindow = (token: string, files: File[]) =>
    new Promise<PromptAnswer | PromptFailure>((resolve) => {
      windows.set(token, { files, resolve });
      void env.runtime
        .sendMessage({ t: 'guard:window', token })
        .then(
          (r) => (r as { ok?: boolean } | undefined)?.ok === true,
          () => false,
        )
        .then((ok) => {
          if (ok) return;
          windows.delete(token);
          resolve({ type: 'failed', reason: 'no-window' });
        });
    });

  const ask = async (job: PromptJob, docs: File[]): Promise<PromptAnswer | PromptFailure> => {
    const token = ((await env.runtime.sendMessage({ t: 'guard:register', job })) as { token?: string } | undefined)?.token;
    if (!token) return { type: 'failed', reason: 'error' };
    let linger = false;
    try {
      // Without IntersectionObserver v2 (Firefox) a framed prompt cannot prove it is visible.
      const confirmable = 'isVisible' in (win as Window & typeof globalThis).IntersectionObserverEntry.prototype;
      // A frame without an origin of its own (sandboxed, data:) would sandbox the prompt too.
      const a: FrameResult =
        (job.mode === 'ask' && !confirmable) || win.origin === 'null' ? { type: 'window' } : await openPrompt(win.document, env.promptUrl, env.promptOrigin, token, docs, job.mode);
      const answer = a.type === 'window' ? await inWindow(token, docs) : a;
      linger = answer.type === 'use' && !!answer.linger;
      return answer;
    } finally {
      void env.runtime.sendMessage({ t: 'guard:done', token, ...(linger ? { linger } : {}) }).catch(() => undefined);
    }
  };

  /**
   * Shows the prompt for the documents among `files`; resolves with what the page should get.
   * Whatever goes wrong on the way, the page gets nothing and the person is told (badge).
   */
  const review = async (mode: PromptMode, files: File[], accept: string, labels: string[]): Promise<File[] | null> => {
    const docs = files.filter(isDocument);
    const maxBytes = statedMaxBytes(labels);
    const page = pageInfo(win.document);
    const declinesWatermarks = pageDeclinesWatermarks(win.document, page, labels);
    const answer = await ask({ mode, page, accept, ...(maxBytes ? { maxBytes } : {}), ...(declinesWatermarks ? { declinesWatermarks } : {}) }, docs).catch((): PromptFailure => ({
      type: 'failed',
      reason: 'error',
    }));
    if (answer.type === 'failed') {
      void env.runtime.sendMessage({ t: 'guard:failed', reason: answer.reason }).catch(() => undefined);
      return null;
    }
    if (answer.type === 'cancel') return null;
    if (answer.type === 'original') return files;
    // Other files (a .docx next to a photo) pass untouched, in their place.
    const out = [...answer.files];
    return files.map((f) => (isDocument(f) ? (out.shift() ?? f) : f));
  };

  // data:, blob: and srcdoc frames have no host of their own: the site rules of the page around them apply.
  const host = () => {
    const around = win.location.ancestorOrigins?.[0];
    return win.location.hostname || (around && around !== 'null' ? new URL(around).hostname : '');
  };
  const decideFor = (target: Element, files: File[]) => decide(settings, host(), () => looksLikeVerification(signalsFor(target)), files.some(isImage));

  /** The file input an event came from, also inside closed shadow roots (the path stops at their host). */
  const fileInput = (e: Event): HTMLInputElement | undefined => {
    let el = e.composedPath()[0];
    for (let depth = 0; el instanceof Element && depth < 8; depth++) {
      if (el instanceof HTMLInputElement) return el.type === 'file' ? el : undefined;
      const root = env.shadowOf(el);
      if (!root) return undefined;
      const inputs = [...root.querySelectorAll('input[type=file]')] as HTMLInputElement[];
      el = inputs.find((i) => i.files?.length && !holding.has(i)) ?? root.activeElement ?? undefined;
      if (!el && inputs.length) el = inputs[0];
    }
    return undefined;
  };

  const onPick = (e: Event) => {
    if (!e.isTrusted) return; // page scripts' events, and our own re-dispatches, pass as they are
    const input = fileInput(e);
    if (!input) return;
    if (holding.has(input)) {
      e.stopImmediatePropagation();
      return;
    }
    const files = [...(input.files ?? [])];
    if (!files.some(isDocument)) return;
    const decision = decideFor(input, files);
    if (decision === 'pass') return;
    e.stopImmediatePropagation();
    holding.add(input);
    // 'change' is not composed: inside a shadow root it never reaches the window, so the
    // field's own (now empty) change is stopped at its root.
    const root = input.getRootNode();
    const stop = (c: Event) => {
      if (!c.isTrusted || c.target !== input) return;
      c.stopImmediatePropagation();
      root.removeEventListener('change', stop, true);
    };
    if (root !== win.document) root.addEventListener('change', stop, true);
    // Until the person decides, the page must not find the original in the field.
    input.value = '';
    void review(decision, files, input.accept, fieldLabels(input)).then((chosen) => {
      holding.delete(input);
      root.removeEventListener('change', stop, true);
      if (chosen) putFiles(input, chosen);
    });
  };

  /** Pasted files and pictures: held like a drop, then pasted again on the same target. */
  const onPaste = (e: ClipboardEvent) => {
    if (!e.isTrusted || !e.clipboardData) return;
    const target = e.composedPath()[0];
    const files = [...e.clipboardData.files];
    if (!(target instanceof Node) || !files.some(isDocument)) return;
    const el = target instanceof Element ? target : (target.parentElement ?? win.document.documentElement);
    const decision = decideFor(el, files);
    if (decision === 'pass') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void review(decision, files, '', fieldLabels(el)).then((chosen) => {
      if (chosen && target.isConnected) pasteFiles(target, chosen);
    });
  };

  const onDrop = (e: DragEvent) => {
    if (!e.isTrusted || !e.dataTransfer) return;
    let target = e.composedPath()[0];
    // Into closed shadow roots: the innermost element under the pointer.
    for (let i = 0; target instanceof Element && i < 8; i++) {
      const inner = env.shadowOf(target)?.elementFromPoint(e.clientX, e.clientY);
      if (!inner || inner === target) break;
      target = inner;
    }
    if (!(target instanceof Element)) return;
    const files = [...e.dataTransfer.files];
    if (!files.some(isDocument)) return;
    const decision = decideFor(target, files);
    if (decision === 'pass') return;
    e.preventDefault(); // not the browser's default (opening the file) either
    e.stopImmediatePropagation();
    const at = { clientX: e.clientX, clientY: e.clientY };
    void review(decision, files, '', fieldLabels(target)).then((chosen) => {
      if (chosen && (target as Element).isConnected) dropFiles(target as Element, chosen, at);
    });
  };

  win.addEventListener('input', onPick, true);
  win.addEventListener('change', onPick, true);
  win.addEventListener('drop', onDrop, true);
  win.addEventListener('paste', onPaste, true);
}
