// Small views over the panel model (src/panel/model.ts), one job each, shared by the popup, the
// stamping page and the guard's prompt: the preview, the purpose line with its "more" choices,
// the photo check and MRZ lines, the result cards.
import type { Lang } from '../core/lang.ts';
import { isStampError } from '../core/errors.ts';
import type { StampReport } from '../core/report.ts';
import { warningMessage } from '../core/warnings.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t, uiLang } from '../i18n/t.ts';
import type { BatchItem, Panel } from '../panel/model.ts';
import { h, formatBytes } from './dom.ts';
import { languageOptions } from './language.ts';
import { mrzCard } from './mrz-card.ts';
import { qualityView } from './quality.ts';
import { redaction } from './redact.ts';

export function errorText(err: unknown): string {
  if (isStampError(err)) return err.localized(uiLang());
  return err instanceof Error ? err.message : String(err);
}

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

/** One batch item: its card, or the file's name with why it failed. */
export const batchCard = (item: BatchItem): HTMLLIElement =>
  item.result ? resultCard(item.name, item.result.report) : h('li', { class: 'result error' }, h('div', { class: 'title' }, item.name), h('p', { class: 'error' }, errorText(item.error)));

/**
 * The preview the saved copy will match: its picture (with the black-box layer where there is
 * room), a caption with the trace code it carries, and click to enlarge.
 */
export function previewView(panel: Panel, o: { redact: boolean }) {
  const img = h('img', { id: 'preview-img', alt: '', hidden: true });
  const caption = h('figcaption', { id: 'preview-caption' }, t('previewNone'));
  const boxes = o.redact ? redaction(img, (b) => panel.setBoxes(b)) : undefined;
  const zoom = h('button', { type: 'button', id: 'zoom', class: 'link', hidden: true }, t('previewEnlarge'));
  const element = h('figure', { class: 'preview', 'aria-live': 'polite' }, boxes?.picture ?? img, caption, zoom);
  const enlarge = () => {
    if (img.hidden) return;
    const dialog = h(
      'dialog',
      { class: 'zoom', 'aria-label': img.alt },
      h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'secondary' }, t('close'))),
      h('img', { src: img.src, alt: img.alt }),
    );
    dialog.addEventListener('close', () => dialog.remove());
    dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
    document.body.append(dialog);
    dialog.showModal();
  };
  zoom.addEventListener('click', enlarge);
  // Without the box layer a click on the picture enlarges it (with it, a click draws a box).
  if (!boxes) img.addEventListener('click', enlarge);
  const show = (visible: boolean) => {
    img.hidden = !visible;
    zoom.hidden = !visible;
  };
  const render = () => {
    const p = panel.preview;
    if (p.state === 'none') {
      show(false);
      caption.textContent = t('previewNone');
    } else if (p.state === 'working') {
      caption.textContent = t('previewWorking');
    } else if (p.state === 'failed') {
      show(false);
      caption.textContent = `${p.name}: ${errorText(p.error)}`;
    } else {
      URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(p.file);
      img.alt = t(p.mode === 'stamp' ? 'previewOf' : 'previewCleanOf', { file: p.name });
      // The code printed on this preview; the saved copy carries the same one.
      img.dataset.code = p.code;
      caption.replaceChildren(img.alt, ...(p.code ? [' · ', t('colCode'), ' ', h('span', { id: 'preview-code', class: 'code' }, p.code)] : []));
      show(true);
    }
  };
  panel.subscribe((c) => {
    if (c === 'preview') render();
    if (c === 'files') boxes?.reset();
  });
  render();
  return { element, tools: boxes?.tools ?? null };
}

/**
 * A button that shows or hides a region: the choices one click away (language, site, preset,
 * the site's rules). It sits before what it opens so the purpose field stays next in the tab
 * order.
 */
export function disclosure(id: string, label: string, ...content: (Node | null)[]) {
  const region = h('div', { id, class: 'more', hidden: true }, ...content);
  const toggle = h('button', { type: 'button', id: `${id}-toggle`, class: 'link more-toggle', 'aria-expanded': 'false', 'aria-controls': id }, label);
  toggle.addEventListener('click', () => {
    region.hidden = !region.hidden;
    toggle.setAttribute('aria-expanded', String(!region.hidden));
  });
  return { toggle, region };
}

/**
 * "with an invisible trace code" for the clean copy (on by default): unticked, the clean copy is
 * the lossless strip that keeps every pixel.
 */
export function traceCleanView(panel: Panel): HTMLLabelElement {
  const box = h('input', { type: 'checkbox', id: 'trace-clean', checked: panel.traceClean });
  box.addEventListener('change', () => panel.setTraceClean(box.checked));
  panel.subscribe((c) => c === 'mode' && (box.checked = panel.traceClean));
  return h('label', { class: 'check sub', for: 'trace-clean' }, box, t('cleanWithTrace'));
}

/** The purpose line and the language it is written in, both following the model. */
export function purposeView(panel: Panel, o: { describedBy?: string } = {}) {
  const input = h('input', { id: 'purpose', type: 'text', value: panel.purpose, autocomplete: 'off', ...(o.describedBy ? { 'aria-describedby': o.describedBy } : {}) });
  const lang = h('select', { id: 'purpose-lang' }, ...languageOptions());
  lang.value = panel.purposeLang;
  input.addEventListener('input', () => panel.setPurpose(input.value));
  lang.addEventListener('change', () => void panel.setPurposeLang(lang.value as Lang));
  panel.subscribe((c) => {
    if ((c === 'purpose' || c === 'site') && input.value !== panel.purpose) input.value = panel.purpose;
    if ((c === 'settings' || c === 'purpose' || c === 'site') && document.activeElement !== lang) lang.value = panel.purposeLang;
    // A clean copy prints no purpose line.
    if (c === 'mode') input.disabled = lang.disabled = panel.mode === 'clean';
  });
  input.disabled = lang.disabled = panel.mode === 'clean';
  return {
    label: h('label', { for: 'purpose' }, t('purposeLabel')),
    input,
    langField: [h('label', { for: 'purpose-lang' }, t('purposeLangLabel')), lang],
  };
}

/**
 * The photo check and the MRZ reading as short lines that open: open by themselves when
 * something needs the person's eye (a failed check, an expired document, a copy that no longer
 * reads).
 */
export function checksView(panel: Panel) {
  const quality = h('div', { id: 'quality-slot' });
  const mrzBody = h('div', { id: 'mrz-slot' });
  const mrz = h('details', { class: 'mrz-line', hidden: true }, h('summary', { id: 'mrz-toggle' }, t('mrzTitle')), mrzBody);
  panel.subscribe((c) => {
    if (c === 'files') quality.replaceChildren();
    if (c === 'quality' && panel.files[0]) quality.replaceChildren(qualityView(panel.quality));
    if (c === 'mrz') {
      const { reading, after } = panel.mrz;
      const card = reading ? mrzCard(reading, after) : null;
      mrzBody.replaceChildren(card ?? '');
      mrz.hidden = !card;
      if (reading && (!reading.valid || reading.expiry === 'expired' || reading.expiry === 'soon' || (after && !after.valid))) mrz.open = true;
    }
  });
  return { quality, mrz };
}
