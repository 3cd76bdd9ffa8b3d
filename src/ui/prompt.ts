// The prompt of the upload guard, an extension page in a frame the page cannot read or drive.
// It receives the chosen files from our content script (checked by a nonce only the content
// script knows), shows what will be uploaded, and answers: stamped files, the original, or
// nothing. Only a person's own clicks and keys count.
import type { Lang } from '../core/errors.ts';
import { stamp, type StampResult } from '../core/pipeline.ts';
import { sniff } from '../core/sniff.ts';
import { warningMessage } from '../core/warnings.ts';
import { outputFor } from '../guard/accept.ts';
import { browser } from 'wxt/browser';
import {
  fromWire, PROMPT_ALIVE, PROMPT_MOVED, PROMPT_READY, PROMPT_TO_WINDOW, toWire,
  type GuardMessage, type PageInfo, type PromptAnswer, type PromptInit, type RedeemedJob, type WireAnswer, type WireFile,
} from '../guard/protocol.ts';
import { visibilityGate, type Gate } from '../guard/visible.ts';
import { addHistory } from '../history/history.ts';
import { t, uiLang } from '../i18n/t.ts';
import type { Settings } from '../settings/schema.ts';
import { loadSettings, updateSettings } from '../settings/store.ts';
import { purposeFor, stampOptionsFor } from '../settings/to-options.ts';
import { findLookalike, mergeBrands } from '../sites/brands.ts';
import { registrableDomain } from '../sites/domain.ts';
import { isProviderHost } from '../sites/verification.ts';
import { formatBytes, h } from './dom.ts';
import { qualityOf } from '../core/quality/measure.ts';
import { qualityView } from './quality.ts';
import { mrzSlot } from './mrz-card.ts';
import { readMrz } from '../core/mrz/read.ts';
import { redaction, type Box } from './redact.ts';
import { errorText, firstPageBoxes, historyEntry, kindLabel } from './stamper.ts';
import { withPassword } from './password.ts';

/** Where the prompt's work comes from, and where its answer goes. */
export interface PromptSession {
  job: RedeemedJob;
  files: File[];
  answer(a: PromptAnswer): void;
  /** Only a framed prompt: its port to the content script. */
  port?: MessagePort;
}

const redeem = (token: string) =>
  browser.runtime.sendMessage({ t: 'guard:redeem', token } satisfies GuardMessage).then((j) => (j as RedeemedJob | null) ?? null, () => null);

/**
 * A framed prompt waits for our content script's init and redeems its one-time token with the
 * background. Anything else (a page framing prompt.html, forged messages, guessed tokens) gets
 * nothing: no settings read, nothing shown.
 */
export function receiveFramed(win: Window): Promise<PromptSession> {
  return new Promise((resolve) => {
    let taken = false;
    const onMessage = async (e: MessageEvent) => {
      const d = e.data as Partial<PromptInit> | null;
      const port = e.ports[0];
      if (taken || !d || d.type !== 'idstamp:init' || typeof d.token !== 'string' || !port || !Array.isArray(d.files) || !d.files.every((f) => f instanceof File)) return;
      const job = await redeem(d.token);
      if (!job || job.inWindow || taken) return;
      taken = true;
      win.removeEventListener('message', onMessage);
      resolve({ job, files: d.files, port, answer: (a) => port.postMessage(a) });
    };
    win.addEventListener('message', onMessage);
  });
}

/** A prompt in its own window (opened by the background): token in the address, files from the content script. */
export async function receiveWindowed(win: Window): Promise<PromptSession | null> {
  const token = win.location.hash.slice(1);
  const job = token ? await redeem(token) : null;
  if (!job?.inWindow) return null;
  const to = (m: GuardMessage) => browser.tabs.sendMessage(job.tabId, m, { frameId: job.frameId });
  const got = (await to({ t: 'guard:files', token }).catch(() => null)) as { files?: WireFile[] } | null;
  if (!got?.files) return null;
  return {
    job,
    files: got.files.map(fromWire),
    answer: (a) =>
      void (async () => {
        const wire: WireAnswer = a.type === 'use' ? { type: 'use', files: await Promise.all(a.files.map(toWire)) } : a;
        await to({ t: 'guard:answer', token, answer: wire }).catch(() => undefined);
        win.close();
      })(),
  };
}

/**
 * The site the upload is for, as the person sees it: in a cross-origin frame (a verification
 * provider's widget) the page around it, else the page itself.
 */
export function uploadSite(page: PageInfo): string {
  return registrableDomain(page.topOrigin) || registrableDomain(page.url);
}

const present = (...nodes: (Node | null)[]): Node[] => nodes.filter((n): n is Node => n !== null);
const kindOf = async (f: File) => sniff(new Uint8Array(await f.slice(0, 64).arrayBuffer())) ?? 'unknown';
const TYPE_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', pdf: 'PDF' };

/** Framed by the guard, or opened in its own window: the job and files, or null (not ours). */
export const receiveSession = (win: Window): Promise<PromptSession | null> => (win.top !== win ? receiveFramed(win) : receiveWindowed(win));

export async function runPrompt(win: Window, root: HTMLElement, received = receiveSession(win)): Promise<void> {
  const framed = win.top !== win;
  const session = await received;
  if (!session) return; // not ours to show: stay blank
  const { job, files, port } = session;
  const init = { ...job, files };
  port?.postMessage(PROMPT_READY);
  if (port) setInterval(() => port.postMessage(PROMPT_ALIVE), 1000);
  let answered = false;
  const answer = (a: PromptAnswer) => {
    if (answered) return;
    answered = true;
    session.answer(a);
  };
  const lang = uiLang();
  const settings = await loadSettings();
  const site = uploadSite(init.page);
  const kinds = await Promise.all(init.files.map(kindOf));
  const outputs = kinds.map((k) => outputFor(init.accept, k));
  const mrz = mrzSlot(() => settings.mrz.read && init.mode === 'ask', readMrz);

  const process = async (mode: 'stamp' | 'strip', purpose: string, boxes: Box[] = []): Promise<StampResult[]> => {
    const results: StampResult[] = [];
    for (const [i, file] of init.files.entries()) {
      const output = outputs[i];
      if (!output) throw new Error(t('noAcceptedType', init.accept));
      const options = { ...stampOptionsFor(settings, { site, purpose, mode, lang, now: new Date(), output }), redact: i === 0 ? firstPageBoxes(file, boxes) : [] };
      const limits = [settings.output.maxBytes, init.maxBytes].filter((n): n is number => !!n);
      const result = await withPassword(file.name, (pw) => (i === 0 ? mrz.stamp : stamp)(file, { ...options, ...(limits.length ? { maxBytes: Math.min(...limits) } : {}), ...pw }));
      results.push(result);
    }
    if (settings.history.enabled)
      for (const r of results) await addHistory(await historyEntry(r.file, r.report, site, mode === 'stamp' ? purpose : '', new Date()));
    return results;
  };

  if (init.mode === 'silent') {
    // Metadata only, images only, no question; anything odd: the page gets the original.
    try {
      const out: File[] = [];
      for (const [i, file] of init.files.entries()) {
        if (kinds[i] === 'pdf' || !outputs[i]) out.push(file);
        else out.push((await stamp(file, { mode: 'strip', output: outputs[i] })).file);
      }
      answer({ type: 'use', files: out });
    } catch {
      answer({ type: 'original' });
    }
    return;
  }

  if (init.mode === 'auto') {
    root.replaceChildren(h('p', { class: 'auto' }, t('autoWorking', site || init.page.url)));
    try {
      const results = await process('stamp', purposeFor(settings, site, lang));
      answer({ type: 'use', files: results.map((r) => r.file) });
      return;
    } catch {
      // Fall through to the full prompt, which shows what went wrong.
    }
  }

  const gate = visibilityGate(win as Window & typeof globalThis, root, framed, () => {
    // Not confirmed visible: the same prompt opens in a window no page can touch.
    answered = true;
    root.replaceChildren();
    port?.postMessage(PROMPT_TO_WINDOW);
  });
  port?.addEventListener('message', (m) => m.data === PROMPT_MOVED && gate.moved());
  port?.start();
  renderAsk(win, root, init, { settings, site, lang, outputs, process, answer, gate, mrz });
}

interface AskContext {
  settings: Settings;
  site: string;
  lang: Lang;
  outputs: (string | undefined)[];
  process: (mode: 'stamp' | 'strip', purpose: string, boxes?: Box[]) => Promise<StampResult[]>;
  answer: (a: PromptAnswer) => void;
  gate: Gate;
  mrz: ReturnType<typeof mrzSlot>;
}

type Init = RedeemedJob & { files: File[] };

function renderAsk(win: Window, root: HTMLElement, init: Init, c: AskContext): void {
  const lookalike = findLookalike({ ...init.page, url: init.page.topOrigin && isProviderHost(new URL(init.page.url).hostname) ? init.page.topOrigin : init.page.url }, mergeBrands(c.settings.brands));
  const purpose = h('input', { id: 'purpose', type: 'text', value: purposeFor(c.settings, c.site, c.lang), autocomplete: 'off' });
  const stampChoice = h('input', { type: 'radio', name: 'what', id: 'what-stamp', value: 'stamp', checked: true });
  const cleanChoice = h('input', { type: 'radio', name: 'what', id: 'what-clean', value: 'strip' });
  const go = h('button', { type: 'button', id: 'go', class: 'primary' }, t('stampUse'));
  const original = h('button', { type: 'button', id: 'original', class: 'secondary' }, t('useOriginal'));
  const cancel = h('button', { type: 'button', id: 'cancel', class: 'secondary' }, t('cancel'));
  const status = h('div', { id: 'status', role: 'status' });
  const img = h('img', { id: 'preview-img', alt: '', hidden: true });
  const boxes = redaction(img);
  const quality = h('div', { id: 'quality-slot' });
  const converted = [...new Set(c.outputs.filter((o) => o && o !== 'same'))].map((o) => TYPE_NAMES[o!] ?? o!);

  root.replaceChildren(
    ...present(
    h('h1', { id: 'title' }, t('promptTitle')),
    lookalike ? h('p', { id: 'lookalike', class: 'alert', role: 'alert' }, t('lookalikeWarning', lookalike.brand, lookalike.domain, lookalike.official.join(', '))) : null,
    h('p', null, c.site ? t('promptLead', c.site) : t('promptLeadNoSite')),
    h('ul', { id: 'files', class: 'files' }, ...init.files.map((f) => h('li', null, h('span', { class: 'name' }, f.name), h('span', { class: 'size' }, formatBytes(f.size))))),
    quality,
    c.mrz.element,
    h('figure', { class: 'preview' }, boxes.element),
    h('label', { for: 'purpose' }, t('purposeLabel')),
    purpose,
    h(
      'fieldset',
      { class: 'choice' },
      h('legend', null, t('whatToDo')),
      h('label', { class: 'check', for: 'what-stamp' }, stampChoice, t('choiceStamp')),
      h('label', { class: 'check', for: 'what-clean' }, cleanChoice, t('choiceClean')),
    ),
    converted.length ? h('p', { class: 'hint' }, t('convertNote', converted.join(', '))) : null,
    init.maxBytes ? h('p', { class: 'hint' }, t('sizeNote', formatBytes(init.maxBytes))) : null,
    status,
    h('div', { class: 'actions sticky' }, go, original, cancel),
    h('p', { class: 'hint' }, t('promptFooter')),
    ),
  );

  // A small stamped preview of the first picture or page.
  const first = init.files[0];
  if (first)
    void stamp(first, { ...stampOptionsFor(c.settings, { site: c.site, mode: 'stamp', lang: c.lang, now: new Date(), output: 'jpeg' }), maxDimension: 700, pdf: { dpi: 72 } })
      .then((r) => {
        img.src = URL.createObjectURL(r.file);
        img.alt = t('previewOf', first.name);
        img.hidden = false;
      })
      .catch(() => undefined);

  c.mrz.show(first);
  if (first) void qualityOf(first).then((checks) => checks && quality.replaceChildren(qualityView(checks)), () => undefined);

  const mode = () => (cleanChoice.checked ? 'strip' : 'stamp');
  for (const r of [stampChoice, cleanChoice]) r.addEventListener('change', () => (go.textContent = mode() === 'stamp' ? t('stampUse') : t('cleanUse')));
  purpose.addEventListener('input', () => (purposeEdited = true));
  let purposeEdited = false;

  // Only a person's own input counts: events made by scripts are not trusted.
  // A click counts only on a prompt seen, unobscured and still for a moment (see visible.ts).
  const onTrusted = (el: HTMLElement, fn: () => void) => el.addEventListener('click', (e) => void (e.isTrusted && c.gate.allows().then((ok) => ok && fn())));
  onTrusted(original, () => c.answer({ type: 'original' }));
  onTrusted(cancel, () => c.answer({ type: 'cancel' }));
  win.addEventListener('keydown', (e) => e.isTrusted && e.key === 'Escape' && c.answer({ type: 'cancel' }));
  onTrusted(go, async () => {
    for (const b of [go, original, cancel]) b.disabled = true;
    root.setAttribute('aria-busy', 'true');
    status.replaceChildren(t('working', init.files.map((f) => f.name).join(', ')));
    try {
      const text = purpose.value.trim();
      const results = await c.process(mode(), text, boxes.boxes());
      if (mode() === 'stamp' && purposeEdited && text && c.site)
        await updateSettings((s) => void (s.sites[c.site] = { rule: s.sites[c.site]?.rule ?? 'ask', purpose: text }));
      status.replaceChildren(
        ...results.map((r) => h('p', { class: 'size' }, `${t('resultSize')}: ${t('sizeChange', formatBytes(r.report.input.bytes), formatBytes(r.report.output.bytes))}`)),
        ...results.map((r) => h('p', null, t('removedList', r.report.removed.length ? r.report.removed.map(kindLabel).join(', ') : t('removedNothing')))),
        ...results.flatMap((r) => r.report.warnings.map((w) => h('p', { class: 'warning' }, warningMessage(w, c.lang)))),
      );
      c.answer({ type: 'use', files: results.map((r) => r.file) });
    } catch (err) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)), h('p', null, t('someFailed')));
      go.disabled = true;
      original.disabled = false;
      cancel.disabled = false;
      original.focus();
    }
    root.removeAttribute('aria-busy');
  });
  // Buttons look ready only when a click would count (and tests wait for it).
  setInterval(() => root.toggleAttribute('data-armed', c.gate.armed()), 100);
  // Warned about a look-alike: the safe choice comes first.
  (lookalike ? cancel : go).focus();
}
