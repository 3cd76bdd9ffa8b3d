// The stamping panel of the toolbar popup and the stamping page, a view over the panel model
// (src/panel/model.ts). Once a file is chosen, its preview, the purpose line and the buttons
// are in view together; the purpose language, site and preset are one click away.
import { t } from '../i18n/t.ts';
import { createPanel, type Panel, type PanelMode } from '../panel/model.ts';
import type { Settings } from '../settings/schema.ts';
import type { RawItem } from '../settings/store.ts';
import { download, formatBytes, h, onDropFiles } from './dom.ts';
import { historyItem, listHistory } from '../history/history.ts';
import { identifyCopy } from '../history/identify.ts';
import { whichCopy } from './history-view.ts';
import { browserPanelDeps } from './panel-deps.ts';
import { batchCard, checksView, disclosure, errorText, previewView, purposeView, traceCleanView } from './panel-view.ts';

export const ACCEPT =
  'image/jpeg,image/png,image/webp,image/gif,image/bmp,image/heic,image/heif,image/avif,image/tiff,application/pdf,.jpg,.jpeg,.png,.webp,.gif,.bmp,.heic,.heif,.avif,.tif,.tiff,.pdf';
const PREVIEW_SIZE = 900;

export interface StamperOptions {
  site: string;
  /** The popup is narrow; the stamping page has room for a larger preview and black boxes. */
  compact: boolean;
  settings?: RawItem;
  history?: RawItem;
  now?: () => Date;
}

/** Choose or drop files; the list with each file's size, its problem, and a remove button. */
function filesView(panel: Panel) {
  const input = h('input', { id: 'files', type: 'file', multiple: true, accept: ACCEPT, class: 'visually-hidden', tabIndex: -1, 'aria-hidden': 'true' });
  const choose = h('button', { type: 'button', id: 'choose', class: 'secondary' }, t('chooseFiles'));
  const drop = h('div', { id: 'drop', class: 'drop' }, h('p', null, t('dropTitle')), choose, input);
  const list = h('ul', { id: 'file-list', class: 'files', 'aria-label': t('filesChosen', { count: '' }) });
  choose.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    panel.setFiles([...(input.files ?? [])]);
    input.value = '';
  });
  onDropFiles(drop, (files) => panel.setFiles(files));
  const render = () => {
    list.replaceChildren(
      ...panel.files.map((f, i) => {
        const why = f.problem === undefined ? undefined : errorText(f.problem);
        return h(
          'li',
          { class: why ? 'bad' : null },
          h('span', { class: 'name' }, why ? `⚠ ${f.file.name}` : f.file.name),
          h('span', { class: 'size' }, formatBytes(f.file.size)),
          h('button', { type: 'button', class: 'link', 'aria-label': t('removeFile', { file: f.file.name }), on: { click: () => panel.removeFile(i) } }, '×'),
          why ? h('span', { class: 'why' }, why) : null,
        );
      }),
    );
    list.setAttribute('aria-label', t('filesChosen', { count: panel.files.length }));
    // Once files are chosen the drop zone shrinks to its button: the preview moves up.
    drop.classList.toggle('chosen', panel.files.length > 0);
  };
  panel.subscribe((c) => c === 'files' && render());
  return { drop, list, choose };
}

/** The watermark preset, saved for every page. */
function presetSelect(panel: Panel) {
  const preset = h('select', { id: 'preset' }, h('option', { value: 'kyc' }, t('presetKyc')), h('option', { value: 'strict' }, t('presetStrict')), h('option', { value: 'custom' }, t('presetCustom')));
  preset.value = panel.settings.preset;
  preset.addEventListener('change', () => void panel.setPreset(preset.value as Settings['preset']));
  panel.subscribe((c) => c === 'settings' && (preset.value = panel.settings.preset));
  return preset;
}

export async function mountStamper(root: HTMLElement, o: StamperOptions): Promise<Panel> {
  const panel = await createPanel(browserPanelDeps(o), { site: o.site, previewSize: PREVIEW_SIZE, mrz: true, checkFiles: true });
  const purpose = purposeView(panel, { describedBy: 'purpose-hint' });
  const site = h('input', { id: 'site', type: 'text', value: o.site, placeholder: t('sitePlaceholder'), autocomplete: 'off', spellcheck: false });
  site.addEventListener('change', () => panel.setSiteText(site.value));
  const more = disclosure(
    'more',
    t('moreChoices'),
    ...purpose.langField,
    h('div', { class: 'row' }, h('div', null, h('label', { for: 'site' }, t('siteLabel')), site), h('div', null, h('label', { for: 'preset' }, t('presetLabel')), presetSelect(panel))),
    h('div', null, h('span', { class: 'hint' }, `${t('cleanSave')}:`), traceCleanView(panel)),
  );
  const files = filesView(panel);
  const preview = previewView(panel, { redact: !o.compact });
  const checks = checksView(panel);
  const stampBtn = h('button', { type: 'button', id: 'stamp', class: 'primary', disabled: true }, t('stampSave'));
  const cleanBtn = h('button', { type: 'button', id: 'clean', class: 'secondary', disabled: true }, t('cleanSave'));
  const copyBtn = h('button', { type: 'button', id: 'copy', class: 'secondary', disabled: true, title: t('copyImage') }, t(o.compact ? 'copyShort' : 'copyImage'));
  const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
  const results = h('ul', { id: 'results', class: 'results' });

  root.replaceChildren(
    h('div', { class: 'fields' }, h('div', { class: 'label-row' }, purpose.label, more.toggle), purpose.input, h('p', { id: 'purpose-hint', class: 'hint' }, t('purposeHint')), more.region),
    files.drop,
    files.list,
    preview.element,
    preview.tools ?? '',
    checks.quality,
    checks.mrz,
    results,
    // The stamping page (not the small popup) also answers "Which copy is this?" for a found file.
    o.compact
      ? ''
      : h(
          'details',
          { class: 'which-page' },
          h('summary', null, t('whichTitle')),
          whichCopy(await listHistory(o.history ?? historyItem), (f) => identifyCopy(f)),
        ),
    h('div', { class: 'actions sticky' }, stampBtn, cleanBtn, copyBtn, status),
  );
  root.classList.toggle('compact', o.compact);

  const buttons = () => {
    const first = panel.files[0];
    for (const b of [stampBtn, cleanBtn]) b.disabled = panel.busy || panel.usable === 0;
    copyBtn.disabled = panel.busy || !first || first.problem !== undefined;
    files.choose.disabled = panel.busy;
    root.setAttribute('aria-busy', String(panel.busy));
  };
  panel.subscribe((c) => {
    if (c === 'files' || c === 'busy') buttons();
    if (c === 'files') status.textContent = '';
    if (c === 'busy' && panel.current) status.textContent = t('working', { file: panel.current });
    if (c === 'results') results.replaceChildren(...panel.results.map(batchCard));
    if (c === 'site' && site.value.trim() !== panel.site) site.value = panel.site;
  });

  const save = async (mode: PanelMode) => {
    const done = await panel.saveEach(mode, (r) => download(r.file, r.file.name));
    status.textContent = t('saved', { done: done.filter((d) => d.result).length, total: done.length });
  };
  stampBtn.addEventListener('click', () => void save('stamp'));
  cleanBtn.addEventListener('click', () => void save('clean'));
  copyBtn.addEventListener('click', async () => {
    try {
      // The clipboard takes PNG only.
      const r = await panel.makeFirst('stamp', { output: 'png' });
      if (!r) return;
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': r.file })]);
      status.textContent = t('copied');
    } catch (err) {
      status.textContent = t('copyFailed', { reason: errorText(err) });
    }
  });
  return panel;
}
