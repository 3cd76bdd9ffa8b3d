// The prompt of the upload guard, an extension page in a frame the page cannot read or drive.
// It receives the chosen files from our content script (checked by a nonce only the content
// script knows), shows what will be uploaded, and answers: stamped files, the original, or
// nothing. Only a person's own clicks and keys count.
import type { Lang } from '../core/errors.ts';
import { stamp, type StampResult } from '../core/pipeline.ts';
import { sniff } from '../core/sniff.ts';
import { warningMessage } from '../core/warnings.ts';
import { outputFor } from '../guard/accept.ts';
import { PROMPT_READY, type PromptAnswer, type PromptInit } from '../guard/protocol.ts';
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

/** Waits for our content script's init (right nonce, a port); anything else is ignored. */
export function receiveInit(win: Window, nonce: string): Promise<{ init: PromptInit; port: MessagePort }> {
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      const d = e.data as Partial<PromptInit> | null;
      const port = e.ports[0];
      if (!nonce || !d || d.type !== 'idstamp:init' || d.nonce !== nonce || !port || !Array.isArray(d.files)) return;
      win.removeEventListener('message', onMessage);
      resolve({ init: d as PromptInit, port });
    };
    win.addEventListener('message', onMessage);
  });
}

/**
 * The site the upload is for, as the person sees it: in a cross-origin frame (a verification
 * provider's widget) the page around it, else the page itself.
 */
export function uploadSite(page: PromptInit['page']): string {
  return registrableDomain(page.topOrigin) || registrableDomain(page.url);
}

const present = (...nodes: (Node | null)[]): Node[] => nodes.filter((n): n is Node => n !== null);
const kindOf = async (f: File) => sniff(new Uint8Array(await f.slice(0, 64).arrayBuffer())) ?? 'unknown';
const TYPE_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', pdf: 'PDF' };

export async function runPrompt(win: Window, root: HTMLElement): Promise<void> {
  const { init, port } = await receiveInit(win, win.location.hash.slice(1));
  port.postMessage(PROMPT_READY);
  let answered = false;
  const answer = (a: PromptAnswer) => {
    if (answered) return;
    answered = true;
    port.postMessage(a);
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
      const result = await (i === 0 ? mrz.stamp : stamp)(file, { ...options, ...(limits.length ? { maxBytes: Math.min(...limits) } : {}) });
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

  renderAsk(win, root, init, { settings, site, lang, outputs, process, answer, mrz });
}

interface AskContext {
  settings: Settings;
  site: string;
  lang: Lang;
  outputs: (string | undefined)[];
  process: (mode: 'stamp' | 'strip', purpose: string, boxes?: Box[]) => Promise<StampResult[]>;
  answer: (a: PromptAnswer) => void;
  mrz: ReturnType<typeof mrzSlot>;
}

function renderAsk(win: Window, root: HTMLElement, init: PromptInit, c: AskContext): void {
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
    h('div', { class: 'actions' }, go, original, cancel),
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
  const onTrusted = (el: HTMLElement, fn: () => void) => el.addEventListener('click', (e) => e.isTrusted && fn());
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
  go.focus();
}
