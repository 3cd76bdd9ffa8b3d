// The stamping panel shared by the toolbar popup and the stamping page: purpose, preset, files
// (button or drop), a live preview of the first file, then stamp-and-save, clean-and-save or
// copy. It runs the core right here, in the extension page.
import { isStampError } from '../core/errors.ts';
import type { StampOptionsInput } from '../core/options.ts';
import { stamp, type StampResult } from '../core/pipeline.ts';
import type { StampReport } from '../core/report.ts';
import { warningMessage } from '../core/warnings.ts';
import { addHistory, historyItem, sha256Hex, type HistoryEntry } from '../history/history.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t, uiLang } from '../i18n/t.ts';
import { PRESETS, type PresetName, type Settings } from '../settings/schema.ts';
import { loadSettings, settingsItem, updateSettings, watchSettings, type RawItem } from '../settings/store.ts';
import type { Lang } from '../core/lang.ts';
import { purposeFor, purposeLangFor, stampOptionsFor } from '../settings/to-options.ts';
import { registrableDomain } from '../sites/domain.ts';
import { qualityOf } from '../core/quality/measure.ts';
import { debounce, download, formatBytes, h, onDropFiles } from './dom.ts';
import { languageOptions } from './language.ts';
import { qualityView } from './quality.ts';
import { mrzSlot } from './mrz-card.ts';
import { readMrz } from '../core/mrz/read.ts';
import { redaction, type Box } from './redact.ts';
import { withPassword } from './password.ts';

export const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/bmp,image/heic,image/heif,image/avif,image/tiff,application/pdf,.jpg,.jpeg,.png,.webp,.gif,.bmp,.heic,.heif,.avif,.tif,.tiff,.pdf';
const PREVIEW_SIZE = 900;

export interface StamperOptions {
  site: string;
  /** The popup is narrow; the stamping page has room for a larger preview. */
  compact: boolean;
  settings?: RawItem;
  history?: RawItem;
  now?: () => Date;
}

/** What the history keeps of one saved output: no content, only proof. */
export async function historyEntry(file: Blob, report: StampReport, site: string, purpose: string, now: Date): Promise<HistoryEntry> {
  return {
    at: now.toISOString(),
    site,
    // A clean-only copy carries no purpose line: record only what was printed.
    purpose: report.mode === 'stamp' ? purpose : '',
    code: report.watermark?.code ?? report.trace?.code ?? '',
    mode: report.mode,
    type: report.output.mime,
    ...(report.output.pages ? { pages: report.output.pages } : {}),
    ...(file instanceof File && file.name ? { name: file.name.slice(0, 300) } : {}),
    sha256: await sha256Hex(file),
  };
}

/** Boxes drawn on a preview belong to what it shows: a picture, or a PDF's first page. */
export const firstPageBoxes = (file: File, boxes: Box[]) => (file.type === 'application/pdf' || /\.pdf$/i.test(file.name) ? boxes.map((b) => ({ ...b, page: 1 })) : boxes);

export const kindLabel = (k: string): string => t(`kind_${k.replaceAll('-', '_')}` as MessageKey);

/**
 * What happened to one file: its new name, sizes, what was removed, the trace code, where it
 * went (the stamping page and popup: the Downloads folder; the guard's prompt: the site).
 */
export function resultCard(name: string, r: StampReport, where: { label: MessageKey; value: string } = { label: 'resultWhere', value: t('resultDownloads') }): HTMLLIElement {
  const row = (label: MessageKey, value: string | HTMLElement) => [h('dt', null, t(label)), h('dd', null, value)];
  return h(
    'li',
    { class: 'result' },
    h('div', { class: 'title' }, t('savedAs', { from: name, to: r.output.name })),
    h(
      'dl',
      null,
      ...row('resultSize', t('sizeChange', { from: formatBytes(r.input.bytes), to: formatBytes(r.output.bytes) })),
      ...row('resultRemoved', r.removed.length ? r.removed.map(kindLabel).join(', ') : t('removedNothing')),
      ...(r.watermark ? row('colCode', h('span', { class: 'code' }, r.watermark.code)) : []),
      ...row(where.label, where.value),
    ),
    ...r.warnings.map((w) => h('p', { class: 'warning' }, warningMessage(w, uiLang()))),
  );
}

export function errorText(err: unknown): string {
  if (isStampError(err)) return err.localized(uiLang());
  return err instanceof Error ? err.message : String(err);
}

export async function mountStamper(root: HTMLElement, o: StamperOptions): Promise<void> {
  const store = o.settings ?? settingsItem;
  const history = o.history ?? historyItem;
  const now = o.now ?? (() => new Date());
  const lang = uiLang();
  let settings: Settings = await loadSettings(store);
  let files: File[] = [];
  let purposeEdited = false;

  const purpose = h('input', { id: 'purpose', type: 'text', value: purposeFor(settings, o.site, lang), 'aria-describedby': 'purpose-hint', autocomplete: 'off' });
  // The purpose line's language, remembered per site (a Chinese UI, an English-speaking site).
  const purposeLang = h('select', { id: 'purpose-lang' }, ...languageOptions());
  purposeLang.value = purposeLangFor(settings, o.site, lang);
  const site = h('input', { id: 'site', type: 'text', value: o.site, placeholder: t('sitePlaceholder'), autocomplete: 'off', spellcheck: false });
  const preset = h(
    'select',
    { id: 'preset' },
    h('option', { value: 'kyc' }, t('presetKyc')),
    h('option', { value: 'strict' }, t('presetStrict')),
    h('option', { value: 'custom' }, t('presetCustom')),
  );
  preset.value = settings.preset;
  const input = h('input', { id: 'files', type: 'file', multiple: true, accept: ACCEPT, class: 'visually-hidden', tabIndex: -1, 'aria-hidden': 'true' });
  const choose = h('button', { type: 'button', id: 'choose', class: 'secondary' }, t('chooseFiles'));
  const drop = h('div', { id: 'drop', class: 'drop' }, h('p', null, t('dropTitle')), choose, input);
  const list = h('ul', { id: 'file-list', class: 'files', 'aria-label': t('filesChosen', { count: '' }) });
  const img = h('img', { id: 'preview-img', alt: '', hidden: true });
  const caption = h('figcaption', { id: 'preview-caption' }, t('previewNone'));
  // Black boxes on the first file, drawn on its preview (the stamping page has room for it).
  const boxes = redaction(img);
  const zoomBtn = h('button', { type: 'button', id: 'zoom', class: 'link', hidden: true }, t('previewEnlarge'));
  const preview = h('figure', { class: 'preview', 'aria-live': 'polite' }, o.compact ? img : boxes.element, caption, zoomBtn);
  // Click to enlarge (the button too, for the keyboard; on the stamping page a click on the
  // picture draws a redaction box instead).
  const enlarge = () => {
    if (img.hidden) return;
    const dialog = h('dialog', { class: 'zoom', 'aria-label': img.alt }, h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'secondary' }, t('close'))), h('img', { src: img.src, alt: img.alt }));
    dialog.addEventListener('close', () => dialog.remove());
    dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
    document.body.append(dialog);
    dialog.showModal();
  };
  zoomBtn.addEventListener('click', enlarge);
  if (o.compact) img.addEventListener('click', enlarge);
  const quality = h('div', { id: 'quality-slot' });
  const mrz = mrzSlot(() => settings.mrz.read, readMrz);
  const stampBtn = h('button', { type: 'button', id: 'stamp', class: 'primary', disabled: true }, t('stampSave'));
  const cleanBtn = h('button', { type: 'button', id: 'clean', class: 'secondary', disabled: true }, t('cleanSave'));
  const copyBtn = h('button', { type: 'button', id: 'copy', class: 'secondary', disabled: true, title: t('copyImage') }, t(o.compact ? 'copyShort' : 'copyImage'));
  const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
  const results = h('ul', { id: 'results', class: 'results' });

  root.replaceChildren(
    h(
      'div',
      { class: 'fields' },
      h('label', { for: 'purpose' }, t('purposeLabel')),
      purpose,
      h('p', { id: 'purpose-hint', class: 'hint' }, t('purposeHint')),
      h('label', { for: 'purpose-lang' }, t('purposeLangLabel')),
      purposeLang,
      h('div', { class: 'row' }, h('div', null, h('label', { for: 'site' }, t('siteLabel')), site), h('div', null, h('label', { for: 'preset' }, t('presetLabel')), preset)),
    ),
    drop,
    list,
    quality,
    mrz.element,
    preview,
    results,
    h('div', { class: 'actions sticky' }, stampBtn, cleanBtn, copyBtn, status),
  );
  root.classList.toggle('compact', o.compact);

  const currentSite = () => registrableDomain(site.value) || site.value.trim();
  const options = (mode: 'stamp' | 'strip', extra: Partial<StampOptionsInput> = {}): StampOptionsInput => ({
    ...stampOptionsFor(settings, { site: currentSite(), purpose: purpose.value, mode, lang, now: now() }),
    ...extra,
  });

  // --- files -------------------------------------------------------------------------------
  // Files that even a metadata-only clean refuses (damaged, unsupported): marked in the list
  // with the reason, skipped when saving; the buttons stay off while no file is usable.
  const bad = new Map<File, string>();
  const renderList = () => {
    list.replaceChildren(
      ...files.map((f, i) => {
        const why = bad.get(f);
        return h(
          'li',
          { class: why ? 'bad' : null },
          h('span', { class: 'name' }, why ? `⚠ ${f.name}` : f.name),
          h('span', { class: 'size' }, formatBytes(f.size)),
          h('button', { type: 'button', class: 'link', 'aria-label': t('removeFile', { file: f.name }), on: { click: () => setFiles(files.filter((_, j) => j !== i)) } }, '×'),
          why ? h('span', { class: 'why' }, why) : null,
        );
      }),
    );
    list.setAttribute('aria-label', t('filesChosen', { count: files.length }));
    const usable = files.filter((f) => !bad.has(f)).length;
    for (const b of [stampBtn, cleanBtn]) b.disabled = usable === 0;
    copyBtn.disabled = !files[0] || bad.has(files[0]);
  };
  let checkRun = 0;
  const checkFiles = async () => {
    const run = ++checkRun;
    for (const f of files) {
      if (run !== checkRun) return;
      try {
        await stamp(f, options('strip', { maxBytes: undefined, maxDimension: undefined, output: 'same' }));
      } catch (err) {
        if (run !== checkRun) return;
        bad.set(f, errorText(err));
        renderList();
      }
    }
  };
  const setFiles = (next: File[]) => {
    files = next;
    renderList();
    results.replaceChildren();
    status.textContent = '';
    boxes.reset();
    refreshPreview();
    refreshQuality();
    void checkFiles();
    mrz.show(files[0]);
  };

  // The photo check of the first file: never blocks, only tells.
  let qualityRun = 0;
  const refreshQuality = async () => {
    const run = ++qualityRun;
    quality.replaceChildren();
    const first = files[0];
    if (!first) return;
    const checks = await qualityOf(first).catch(() => undefined);
    if (run === qualityRun && checks) quality.replaceChildren(qualityView(checks));
  };
  choose.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    setFiles([...(input.files ?? [])]);
    input.value = '';
  });
  onDropFiles(drop, setFiles);

  // --- preview -----------------------------------------------------------------------------
  let previewRun = 0;
  const refreshPreview = debounce(async () => {
    const run = ++previewRun;
    const first = files[0];
    if (!first) {
      img.hidden = true;
      zoomBtn.hidden = true;
      caption.textContent = t('previewNone');
      return;
    }
    caption.textContent = t('previewWorking');
    try {
      // A small copy is enough to judge the mark: its size is relative to the picture.
      const { file } = await stamp(first, options('stamp', { maxDimension: PREVIEW_SIZE, maxBytes: undefined, output: 'jpeg', pdf: { dpi: 72 } }));
      if (run !== previewRun) return;
      URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(file);
      img.alt = t('previewOf', { file: first.name });
      img.hidden = false;
      zoomBtn.hidden = false;
      caption.textContent = t('previewOf', { file: first.name });
    } catch (err) {
      if (run !== previewRun) return;
      img.hidden = true;
      zoomBtn.hidden = true;
      caption.textContent = `${first.name}: ${errorText(err)}`;
    }
  }, 250);

  purpose.addEventListener('input', () => {
    purposeEdited = true;
    refreshPreview();
  });
  site.addEventListener('change', () => {
    if (!purposeEdited) purpose.value = purposeFor(settings, currentSite(), lang);
    purposeLang.value = purposeLangFor(settings, currentSite(), lang);
    refreshPreview();
  });
  purposeLang.addEventListener('change', async () => {
    const chosen = purposeLang.value as Lang;
    const s = currentSite();
    // The site's remembered line was in the old language: the standard one replaces it.
    if (s) settings = await updateSettings((x) => void (x.sites[s] = { rule: x.sites[s]?.rule ?? 'ask', purposeLang: chosen }), store);
    purpose.value = purposeFor({ ...settings, language: { ...settings.language, purpose: chosen } }, s, lang);
    purposeEdited = false;
    refreshPreview();
  });
  preset.addEventListener('change', async () => {
    const name = preset.value as Settings['preset'];
    settings = await updateSettings((s) => {
      s.preset = name;
      if (name !== 'custom') Object.assign(s.watermark, PRESETS[name as PresetName]);
    }, store);
    refreshPreview();
  });
  watchSettings((s) => {
    settings = s;
    preset.value = s.preset;
    if (document.activeElement !== purposeLang) purposeLang.value = purposeLangFor(s, currentSite(), lang);
    refreshPreview();
  }, store);

  // --- save --------------------------------------------------------------------------------
  const record = async (result: StampResult) => {
    if (!settings.history.enabled) return;
    await addHistory(await historyEntry(result.file, result.report, currentSite(), purpose.value.trim(), now()), history);
  };
  const rememberPurpose = async () => {
    const s = currentSite();
    const text = purpose.value.trim();
    if (!s || !purposeEdited || !text) return;
    settings = await updateSettings((x) => {
      x.sites[s] = { rule: x.sites[s]?.rule ?? 'ask', purpose: text };
    }, store);
  };

  const saveAll = async (mode: 'stamp' | 'strip') => {
    const batch = [...files];
    let saved = 0;
    setBusy(true);
    results.replaceChildren();
    for (const [i, f] of batch.entries()) {
      const why = bad.get(f);
      if (why) {
        results.append(h('li', { class: 'result error' }, h('div', { class: 'title' }, f.name), h('p', { class: 'error' }, why)));
        continue;
      }
      status.textContent = t('working', { file: f.name });
      try {
        const result = await withPassword(f.name, (pw) => (i === 0 ? mrz.stamp : stamp)(f, { ...options(mode, i === 0 ? { redact: firstPageBoxes(f, boxes.boxes()) } : {}), ...pw }));
        download(result.file, result.file.name);
        await record(result);
        saved++;
        results.append(resultCard(f.name, result.report));
      } catch (err) {
        results.append(h('li', { class: 'result error' }, h('div', { class: 'title' }, f.name), h('p', { class: 'error' }, errorText(err))));
      }
    }
    if (mode === 'stamp') await rememberPurpose();
    status.textContent = t('saved', { done: saved, total: batch.length });
    setBusy(false);
  };
  const setBusy = (busy: boolean) => {
    choose.disabled = busy;
    if (busy) for (const b of [stampBtn, cleanBtn, copyBtn]) b.disabled = true;
    else renderList();
    root.setAttribute('aria-busy', String(busy));
  };
  stampBtn.addEventListener('click', () => saveAll('stamp'));
  cleanBtn.addEventListener('click', () => saveAll('strip'));
  copyBtn.addEventListener('click', async () => {
    const first = files[0];
    if (!first) return;
    setBusy(true);
    try {
      // The clipboard takes PNG only.
      const result = await stamp(first, options('stamp', { output: 'png', redact: firstPageBoxes(first, boxes.boxes()) }));
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': result.file })]);
      await record(result);
      status.textContent = t('copied');
    } catch (err) {
      status.textContent = t('copyFailed', { reason: errorText(err) });
    }
    setBusy(false);
  });
}
