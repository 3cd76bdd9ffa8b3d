// The prompt of the upload guard, an extension page in a frame the page cannot read or drive.
// It receives the chosen files from our content script (checked by a nonce only the content
// script knows), shows what will be uploaded, and answers: stamped files, the original, or
// nothing. Only a person's own clicks and keys count.
import type { Lang } from '../core/lang.ts';
import { stamp, type StampResult } from '../core/pipeline.ts';
import { sniff } from '../core/sniff.ts';
import { outputFor } from '../guard/prompt/accept.ts';
import { browser } from 'wxt/browser';
import {
  fromWire,
  PROMPT_ALIVE,
  PROMPT_CLOSE,
  PROMPT_MOVED,
  PROMPT_READY,
  PROMPT_TO_WINDOW,
  toWire,
  type GuardMessage,
  type PageInfo,
  type PromptAnswer,
  type PromptInit,
  type RedeemedJob,
  type WireAnswer,
  type WireFile,
} from '../guard/protocol.ts';
import { visibilityGate, type Gate } from '../guard/prompt/visible.ts';
import { t } from '../i18n/t.ts';
import { createPanel, wantsCleanCopy, type Panel, type PanelMode } from '../panel/model.ts';
import { findLookalike, mergeBrands } from '../sites/brands.ts';
import { registrableDomain } from '../sites/domain.ts';
import { isProviderHost } from '../sites/verification.ts';
import { formatBytes, h } from './dom.ts';
import { trapFocus } from './focus-trap.ts';
import { browserPanelDeps } from './panel-deps.ts';
import { checksView, disclosure, errorText, previewView, purposeView, resultCard, traceCleanView } from './panel-view.ts';

/** Where the prompt's work comes from, and where its answer goes. */
export interface PromptSession {
  job: RedeemedJob;
  files: File[];
  answer(a: PromptAnswer): void;
  /** After a lingering 'use' answer: the confirmation has been seen, the prompt goes. */
  close(): void;
  /** Only a framed prompt: its port to the content script. */
  port?: MessagePort;
}

const redeem = (token: string) =>
  browser.runtime.sendMessage({ t: 'guard:redeem', token } satisfies GuardMessage).then(
    (j) => (j as RedeemedJob | null) ?? null,
    () => null,
  );

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
      resolve({ job, files: d.files, port, answer: (a) => port.postMessage(a), close: () => port.postMessage(PROMPT_CLOSE) });
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
  // Firefox does not let a page close a window that windows.create opened: remove it through the API.
  const close = () =>
    void browser.windows
      .getCurrent()
      .then((w) => (w.id === undefined ? win.close() : browser.windows.remove(w.id)))
      .catch(() => win.close());
  const got = (await to({ t: 'guard:files', token }).catch(() => null)) as { files?: WireFile[] } | null;
  if (!got?.files) return null;
  return {
    job,
    files: got.files.map(fromWire),
    answer: (a) =>
      void (async () => {
        const wire: WireAnswer = a.type === 'use' ? { type: 'use', files: await Promise.all(a.files.map(toWire)), ...(a.toast ? { toast: a.toast } : {}) } : a;
        await to({ t: 'guard:answer', token, answer: wire }).catch(() => undefined);
        if (!(a.type === 'use' && a.linger)) close();
      })(),
    close,
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
/** Longest side of the prompt's preview, pixels. */
const PREVIEW_SIZE = 700;
const TYPE_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', pdf: 'PDF' };

/** Framed by the guard, or opened in its own window: the job and files, or null (not ours). */
export const receiveSession = (win: Window): Promise<PromptSession | null> => (win.top !== win ? receiveFramed(win) : receiveWindowed(win));

export { wantsCleanCopy } from '../panel/model.ts';

/** The page-side notice after a hand-over: a fixed sentence, nothing private. */
const toastFor = (mode: PanelMode) => t(mode === 'stamp' ? 'toastStamped' : 'toastCleaned');

/** The confirmation after "Stamp and use" closes itself after this long (the person may close it sooner). */
const CONFIRM_MS = 8000;

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
  const site = uploadSite(init.page);
  const kinds = await Promise.all(init.files.map(kindOf));
  const outputs = kinds.map((k) => outputFor(init.accept, k));

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

  const panel = await createPanel(browserPanelDeps(), {
    site,
    previewSize: PREVIEW_SIZE,
    pageDeclines: !!init.declinesWatermarks,
    mrz: init.mode === 'ask',
    outputFor: (i) => {
      const output = outputs[i];
      if (!output) throw new Error(t('noAcceptedType', { types: init.accept }));
      return output;
    },
    ...(init.maxBytes ? { maxBytes: init.maxBytes } : {}),
  });

  if (init.mode === 'auto') {
    root.replaceChildren(h('p', { class: 'auto' }, t('autoWorking', { site: site || init.page.url })));
    // "Always" on a site the person marked as declining watermarks: a clean copy. The page's
    // own words only change what the prompt suggests: without the person, a page cannot talk
    // itself into an unmarked copy.
    const mode = wantsCleanCopy(panel.settings, site, false) ? 'clean' : 'stamp';
    panel.setFiles(init.files, { look: false });
    try {
      const results = await panel.makeAll(mode);
      answer({ type: 'use', files: results.map((r) => r.file), toast: toastFor(mode) });
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
  trapFocus(win, root);
  renderAsk(win, root, init, { panel, outputs, answer, close: () => session.close(), gate });
}

interface AskContext {
  panel: Panel;
  outputs: (string | undefined)[];
  answer: (a: PromptAnswer) => void;
  close: () => void;
  gate: Gate;
}

type Init = RedeemedJob & { files: File[] };

/** Stamped or clean, with why a clean copy is suggested (the site's rule or the page's words). */
function choiceView(panel: Panel) {
  const stampChoice = h('input', { type: 'radio', name: 'what', id: 'what-stamp', value: 'stamp' });
  const cleanChoice = h('input', { type: 'radio', name: 'what', id: 'what-clean', value: 'strip' });
  const note = h('p', { id: 'declines-note', class: 'note' });
  const render = () => {
    (panel.mode === 'clean' ? cleanChoice : stampChoice).checked = true;
    const why = panel.cleanReason;
    note.hidden = !why || panel.mode !== 'clean';
    note.textContent = why === 'site' ? t('declinesSite', { site: panel.site }) : t('declinesPage');
  };
  for (const r of [stampChoice, cleanChoice]) r.addEventListener('change', () => panel.setMode(cleanChoice.checked ? 'clean' : 'stamp'));
  // The site's rule can change why (the page's words → the person's choice) without the mode.
  panel.subscribe((c) => (c === 'mode' || c === 'settings') && render());
  render();
  return h(
    'fieldset',
    { class: 'choice' },
    h('legend', null, t('whatToDo')),
    h('label', { class: 'check', for: 'what-stamp' }, stampChoice, t('choiceStamp')),
    h('label', { class: 'check', for: 'what-clean' }, cleanChoice, t('choiceClean')),
    note,
  );
}

/** This site's standing choices: always / ask / never, and "declines watermarks". */
function sitePrefsView(panel: Panel, onTrustedChange: (el: HTMLInputElement | HTMLSelectElement, fn: () => Promise<void>, undo: () => void) => void) {
  if (!panel.site) return null;
  const siteRule = h(
    'select',
    { id: 'site-rule' },
    h('option', { value: 'ask' }, t('siteRuleAsk')),
    h('option', { value: 'always' }, t('siteRuleAlways')),
    h('option', { value: 'never' }, t('siteRuleNever')),
  );
  siteRule.value = panel.siteRecord?.rule ?? 'ask';
  const siteClean = h('input', { type: 'checkbox', id: 'site-clean', checked: panel.siteRecord?.copy === 'clean' });
  let rule = siteRule.value;
  onTrustedChange(
    siteRule,
    async () => void (await panel.setSiteRule((rule = siteRule.value) as 'ask' | 'always' | 'never')),
    () => void (siteRule.value = rule),
  );
  onTrustedChange(
    siteClean,
    () => panel.setSiteCopy(siteClean.checked ? 'clean' : 'stamped'),
    () => void (siteClean.checked = !siteClean.checked),
  );
  return h(
    'fieldset',
    { class: 'site-prefs' },
    h('legend', null, t('sitePrefsLegend', { site: panel.site })),
    h('label', { for: 'site-rule' }, t('siteRuleLabel')),
    siteRule,
    h('label', { class: 'check', for: 'site-clean' }, siteClean, t('siteCleanChoice')),
  );
}

function renderAsk(win: Window, root: HTMLElement, init: Init, c: AskContext): void {
  const { panel } = c;
  const lookalike = findLookalike(
    { ...init.page, url: init.page.topOrigin && isProviderHost(new URL(init.page.url).hostname) ? init.page.topOrigin : init.page.url },
    mergeBrands(panel.settings.brands),
  );
  const go = h('button', { type: 'button', id: 'go', class: 'primary' }, t('stampUse'));
  const original = h('button', { type: 'button', id: 'original', class: 'secondary' }, t('useOriginal'));
  const cancel = h('button', { type: 'button', id: 'cancel', class: 'secondary' }, t('cancel'));
  const status = h('div', { id: 'status', role: 'status' });
  const siteSaved = h('span', { id: 'site-saved', class: 'saved', role: 'status' });
  const converted = [...new Set(c.outputs.filter((o) => o && o !== 'same'))].map((o) => TYPE_NAMES[o!] ?? o!);
  const purpose = purposeView(panel);
  const preview = previewView(panel, { redact: true });
  const checks = checksView(panel);

  // Only a person's own input counts: events made by scripts are not trusted.
  // A click counts only on a prompt seen, unobscured and still for a moment (see visible.ts).
  const onTrusted = (el: HTMLElement, fn: () => void) => el.addEventListener('click', (e) => void (e.isTrusted && c.gate.allows().then((ok) => ok && fn())));
  // Standing choices change how later uploads are treated: the same care as the buttons.
  const onTrustedChange = (el: HTMLInputElement | HTMLSelectElement, fn: () => Promise<void>, undo: () => void) =>
    el.addEventListener(
      'change',
      (e) =>
        void (e.isTrusted ? c.gate.allows() : Promise.resolve(false)).then(async (ok) => {
          if (!ok) return undo();
          await fn();
          siteSaved.textContent = t('savedNote');
        }),
    );
  const prefs = sitePrefsView(panel, onTrustedChange);
  const more = disclosure(
    'more',
    t('moreChoices'),
    ...purpose.langField,
    // The clean copy's invisible trace (on by default): one click away, so the decision and its
    // buttons stay in view in the smallest frame.
    traceCleanView(panel),
    preview.tools,
    converted.length ? h('p', { class: 'hint' }, t('convertNote', { type: converted.join(', ') })) : null,
    init.maxBytes ? h('p', { class: 'hint' }, t('sizeNote', { size: formatBytes(init.maxBytes) })) : null,
    prefs,
    prefs ? siteSaved : null,
  );

  root.replaceChildren(
    ...present(
      h('h1', { id: 'title' }, t('promptTitle')),
      lookalike ? h('p', { id: 'lookalike', class: 'alert', role: 'alert' }, t('lookalikeWarning', { brand: lookalike.brand, host: lookalike.domain, sites: lookalike.official.join(', ') })) : null,
      h('p', null, panel.site ? t('promptLead', { site: panel.site }) : t('promptLeadNoSite')),
      h('ul', { id: 'files', class: 'files' }, ...init.files.map((f) => h('li', null, h('span', { class: 'name' }, f.name), h('span', { class: 'size' }, formatBytes(f.size))))),
      preview.element,
      choiceView(panel),
      h('div', { class: 'label-row' }, purpose.label, more.toggle),
      purpose.input,
      more.region,
      checks.quality,
      checks.mrz,
      status,
      h('div', { class: 'actions sticky' }, go, original, cancel),
      h('p', { class: 'hint' }, t('promptFooter')),
    ),
  );
  const showMode = () => void (go.textContent = panel.mode === 'stamp' ? t('stampUse') : t('cleanUse'));
  panel.subscribe((ch) => ch === 'mode' && showMode());
  showMode();
  panel.setFiles(init.files);

  onTrusted(original, () => c.answer({ type: 'original' }));
  onTrusted(cancel, () => c.answer({ type: 'cancel' }));
  let confirming = false;
  win.addEventListener('keydown', (e) => {
    if (!e.isTrusted || e.key !== 'Escape') return;
    if (confirming) c.close();
    else c.answer({ type: 'cancel' });
  });
  onTrusted(go, async () => {
    for (const b of [go, original, cancel]) b.disabled = true;
    root.setAttribute('aria-busy', 'true');
    status.replaceChildren(t('working', { file: init.files.map((f) => f.name).join(', ') }));
    const chosen = panel.mode;
    let results: StampResult[];
    try {
      results = await panel.makeAll(chosen);
    } catch (err) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)), h('p', null, t('someFailed')));
      go.disabled = true;
      original.disabled = false;
      cancel.disabled = false;
      original.focus();
      root.removeAttribute('aria-busy');
      return;
    }
    // The page gets its files now; the prompt stays a moment to say what it handed over.
    c.answer({ type: 'use', files: results.map((r) => r.file), toast: toastFor(chosen), linger: true });
    confirming = true;
    const close = h('button', { type: 'button', id: 'close', class: 'primary' }, t('close'));
    const where = panel.site || t('confirmThisPage');
    root.replaceChildren(
      h('h1', { id: 'title' }, t('promptTitle')),
      h('p', { id: 'done' }, t(chosen === 'stamp' ? 'confirmStamped' : 'confirmCleaned', { site: where })),
      h('ul', { id: 'results', class: 'results' }, ...results.map((r, i) => resultCard(init.files[i]!.name, r.report, { label: 'resultHanded', value: where }))),
      checks.mrz,
      h('div', { class: 'actions sticky' }, close),
    );
    root.removeAttribute('aria-busy');
    // The answer is given: closing is all that is left, no visibility check needed.
    close.addEventListener('click', (e) => e.isTrusted && c.close());
    close.focus();
    setTimeout(c.close, CONFIRM_MS);
  });
  // Buttons look ready only when a click would count (and tests wait for it).
  setInterval(() => root.toggleAttribute('data-armed', c.gate.armed()), 100);
  // Warned about a look-alike: the safe choice comes first.
  (lookalike ? cancel : go).focus();
}
