// The options page: watermark, output, site rules, upload guard, history. Every change is
// saved at once; changes made elsewhere (the popup's preset) show here live.
import { historyItem } from '../history/history.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t } from '../i18n/t.ts';
import { DEFAULT_SETTINGS, PRESETS, type PresetName, type Settings } from '../settings/schema.ts';
import { loadSettings, saveSettings, settingsItem, updateSettings, watchSettings, type RawItem } from '../settings/store.ts';
import { registrableDomain } from '../sites/domain.ts';
import { debounce, h } from './dom.ts';
import { historyView } from './history-view.ts';
import { languageOptions } from './language.ts';

type Option = [value: string, label: MessageKey];

function select(id: string, options: Option[], value: string, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', { id, on: { change: () => onChange(el.value) } }, ...options.map(([v, k]) => h('option', { value: v }, t(k))));
  el.value = value;
  return el;
}

const field = (id: string, label: MessageKey, control: HTMLElement, hint?: MessageKey) => [
  h('label', { for: id }, t(label)),
  control,
  hint ? h('p', { class: 'hint', id: `${id}-hint` }, t(hint)) : null,
];

/** A range with its value shown; `scale` turns the stored number into what a person reads. */
function range(id: string, value: number, min: number, max: number, step: number, show: (v: number) => string, onChange: (v: number) => void) {
  const out = h('output', { for: id }, show(value));
  const el = h('input', { id, type: 'range', min, max, step, value: String(value) });
  el.addEventListener('input', () => (out.textContent = show(Number(el.value))));
  el.addEventListener('change', () => onChange(Number(el.value)));
  return h('div', { class: 'range' }, el, out);
}

export async function mountOptions(root: HTMLElement, savedNote: HTMLElement, store: RawItem = settingsItem, history: RawItem = historyItem): Promise<void> {
  let settings = await loadSettings(store);
  const flash = debounce(() => (savedNote.textContent = ''), 2000);
  const save = async (change: (s: Settings) => void) => {
    settings = await updateSettings(change, store);
    savedNote.textContent = t('savedNote');
    flash();
  };
  /** A look setting changed by hand: the preset becomes custom. */
  const saveLook = (change: (w: Settings['watermark']) => void) =>
    save((s) => {
      change(s.watermark);
      s.preset = 'custom';
    });

  const render = async () => {
    const w = settings.watermark;
    const o = settings.output;
    const percent = (v: number) => `${Math.round(v * 100)} %`;
    root.replaceChildren(
      languageSection(),
      h(
        'section',
        { 'aria-labelledby': 'sec-watermark' },
        h('h2', { id: 'sec-watermark' }, t('secWatermark')),
        ...field(
          'preset',
          'presetLabel',
          select('preset', [['kyc', 'presetKyc'], ['strict', 'presetStrict'], ['custom', 'presetCustom']], settings.preset, (v) =>
            save((s) => {
              s.preset = v as Settings['preset'];
              if (v !== 'custom') Object.assign(s.watermark, PRESETS[v as PresetName]);
            }),
          ),
          'presetHint',
        ),
        ...field('default-purpose', 'defaultPurposeLabel', textInput('default-purpose', w.purpose, (v) => save((s) => void (s.watermark.purpose = v))), 'defaultPurposeHint'),
        ...field('template', 'templateLabel', textArea('template', w.template, (v) => save((s) => void (s.watermark.template = v || DEFAULT_SETTINGS.watermark.template))), 'templateHint'),
        ...field('color', 'colorLabel', h('input', { id: 'color', type: 'color', value: w.color, on: { change: (e) => saveLook((x) => void (x.color = (e.target as HTMLInputElement).value)) } })),
        ...field('opacity', 'opacityLabel', range('opacity', w.opacity, 0.05, 1, 0.01, percent, (v) => saveLook((x) => void (x.opacity = v)))),
        ...field('size', 'sizeLabel', range('size', w.size, 0.01, 0.08, 0.002, (v) => `${(v * 100).toFixed(1)} %`, (v) => saveLook((x) => void (x.size = v)))),
        ...field('density', 'densityLabel', range('density', w.density, 0, 1, 0.05, percent, (v) => saveLook((x) => void (x.density = v)))),
        ...field('angle', 'angleLabel', range('angle', w.angle, -90, 90, 1, (v) => `${v}°`, (v) => saveLook((x) => void (x.angle = v)))),
        ...field('date-format', 'dateFormatLabel', select('date-format', [['iso', 'dateIso'], ['local', 'dateLocal'], ['none', 'dateNone']], w.dateFormat, (v) => save((s) => void (s.watermark.dateFormat = v as Settings['watermark']['dateFormat'])))),
      ),
      h(
        'section',
        { 'aria-labelledby': 'sec-output' },
        h('h2', { id: 'sec-output' }, t('secOutput')),
        ...field('naming', 'namingLabel', select('naming', [['suffix', 'namingSuffix'], ['keep', 'namingKeep'], ['neutral', 'namingNeutral']], o.naming, (v) => save((s) => void (s.output.naming = v as Settings['output']['naming'])))),
        ...field('format', 'formatLabel', select('format', [['same', 'formatSame'], ['jpeg', 'formatJpeg'], ['png', 'formatPng'], ['pdf', 'formatPdf']], o.format, (v) => save((s) => void (s.output.format = v as Settings['output']['format'])))),
        ...field('max-size', 'maxSizeLabel', numberInput('max-size', o.maxBytes ? o.maxBytes / 1e6 : null, 0.05, 100, 0.1, (v) => save((s) => void (s.output.maxBytes = v === null ? null : Math.round(v * 1e6))))),
        ...field('max-dimension', 'maxDimensionLabel', numberInput('max-dimension', o.maxDimension, 200, 30000, 1, (v) => save((s) => void (s.output.maxDimension = v === null ? null : Math.round(v))))),
        ...field('pdf-mode', 'pdfModeLabel', select('pdf-mode', [['flatten', 'pdfFlatten'], ['keep-text', 'pdfKeepText']], o.pdfMode, (v) => save((s) => void (s.output.pdfMode = v as 'flatten' | 'keep-text')))),
      ),
      sitesSection(),
      brandsSection(),
      h(
        'section',
        { 'aria-labelledby': 'sec-guard' },
        h('h2', { id: 'sec-guard' }, t('secGuard')),
        ...field('guard-mode', 'guardModeLabel', select('guard-mode', [['verification', 'guardVerification'], ['everywhere', 'guardEverywhere'], ['off', 'guardOff']], settings.guard.mode, (v) => save((s) => void (s.guard.mode = v as Settings['guard']['mode'])))),
        checkbox('silent-strip', 'silentStripLabel', settings.guard.silentStrip, (v) => save((s) => void (s.guard.silentStrip = v))),
        checkbox('mrz-read', 'mrzReadSetting', settings.mrz.read, (v) => save((s) => void (s.mrz.read = v))),
      ),
      await historyView({ history, enabled: settings.history.enabled, onToggle: (v) => void save((s) => void (s.history.enabled = v)), rerender: render }),
      h(
        'section',
        null,
        h('p', null, h('button', { type: 'button', id: 'reset', class: 'secondary', on: { click: async () => {
          if (!confirm(t('resetConfirm'))) return;
          settings = await saveSettings(DEFAULT_SETTINGS, store);
          await render();
        } } }, t('resetDefaults'))),
      ),
    );
  };

  const textInput = (id: string, value: string, onChange: (v: string) => void) =>
    h('input', { id, type: 'text', value, 'aria-describedby': `${id}-hint`, on: { change: (e) => onChange((e.target as HTMLInputElement).value.trim()) } });
  const textArea = (id: string, value: string, onChange: (v: string) => void) => {
    const el = h('textarea', { id, 'aria-describedby': `${id}-hint`, on: { change: () => onChange(el.value.trim()) } });
    el.value = value;
    return el;
  };
  const numberInput = (id: string, value: number | null, min: number, max: number, step: number, onChange: (v: number | null) => void) =>
    h('input', {
      id, type: 'number', min, max, step, value: value === null ? '' : String(value),
      on: { change: (e) => {
        const el = e.target as HTMLInputElement;
        const v = el.value.trim() === '' ? null : Number(el.value);
        if (v === null || (Number.isFinite(v) && v >= min && v <= max)) onChange(v);
        else el.value = value === null ? '' : String(value);
      } },
    });
  const checkbox = (id: string, label: MessageKey, value: boolean, onChange: (v: boolean) => void) =>
    h('label', { class: 'check', for: id }, h('input', { id, type: 'checkbox', checked: value, on: { change: (e) => onChange((e.target as HTMLInputElement).checked) } }), t(label));

  /** The interface's language (the page reloads in it) and the standard purpose line's. */
  const languageSection = () => {
    const ui = h('select', { id: 'ui-lang' }, h('option', { value: 'auto' }, t('langBrowser')), ...languageOptions());
    ui.value = settings.language.ui;
    ui.addEventListener('change', async () => {
      await save((s) => void (s.language.ui = ui.value as Settings['language']['ui']));
      location.reload();
    });
    const purpose = h('select', { id: 'purpose-lang-default', 'aria-describedby': 'purpose-lang-default-hint' }, h('option', { value: 'ui' }, t('purposeLangUi')), ...languageOptions());
    purpose.value = settings.language.purpose;
    purpose.addEventListener('change', () => save((s) => void (s.language.purpose = purpose.value as Settings['language']['purpose'])));
    return h(
      'section',
      { 'aria-labelledby': 'sec-language' },
      h('h2', { id: 'sec-language' }, t('secLanguage')),
      ...field('ui-lang', 'uiLangLabel', ui),
      ...field('purpose-lang-default', 'purposeLangDefaultLabel', purpose, 'purposeLangHint'),
    );
  };

  const sitesSection = () => {
    const rules: Option[] = [['always', 'ruleAlways'], ['ask', 'ruleAsk'], ['never', 'ruleNever']];
    const entries = Object.entries(settings.sites).sort(([a], [b]) => a.localeCompare(b));
    const newSite = h('input', { id: 'new-site', type: 'text', placeholder: t('sitePlaceholder'), 'aria-label': t('siteColumn') });
    const add = async () => {
      const domain = registrableDomain(newSite.value);
      if (!domain) return;
      await save((s) => void (s.sites[domain] ??= { rule: 'ask' }));
      await render();
      document.getElementById('new-site')?.focus();
    };
    newSite.addEventListener('keydown', (e) => e.key === 'Enter' && add());
    return h(
      'section',
      { 'aria-labelledby': 'sec-sites' },
      h('h2', { id: 'sec-sites' }, t('secSites')),
      h('p', { class: 'hint' }, t('sitesHint')),
      entries.length === 0
        ? h('p', null, t('noSites'))
        : h(
            'div',
            { class: 'table-wrap' },
            h(
            'table',
            { id: 'sites' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('siteColumn')), h('th', { scope: 'col' }, t('ruleColumn')), h('th', { scope: 'col' }, t('purposeColumn')), h('td'))),
            h(
              'tbody',
              null,
              ...entries.map(([domain, rule]) =>
                h(
                  'tr',
                  null,
                  h('th', { scope: 'row' }, domain),
                  h('td', null, (() => {
                    const el = select(`rule-${domain}`, rules, rule.rule, (v) => save((s) => void (s.sites[domain]!.rule = v as 'always' | 'ask' | 'never')));
                    el.setAttribute('aria-label', `${t('ruleColumn')}: ${domain}`);
                    return el;
                  })()),
                  h('td', null, h('input', { type: 'text', value: rule.purpose ?? '', 'aria-label': `${t('purposeColumn')}: ${domain}`, on: { change: (e) => save((s) => {
                    const v = (e.target as HTMLInputElement).value.trim();
                    if (v) s.sites[domain]!.purpose = v;
                    else delete s.sites[domain]!.purpose;
                  }) } })),
                  h('td', null, h('button', { type: 'button', class: 'link', 'aria-label': t('removeSite', domain), on: { click: async () => {
                    await save((s) => void delete s.sites[domain]);
                    await render();
                  } } }, '×')),
                ),
              ),
            ),
          ),
          ),
      h('div', { class: 'row' }, newSite, h('button', { type: 'button', id: 'add-site', class: 'secondary', on: { click: add } }, t('addSite'))),
    );
  };

  /** "Name: domain, domain" per line, for the lookalike warning. */
  const brandsSection = () => {
    const text = settings.brands.map((b) => `${b.name}: ${b.domains.join(', ')}`).join('\n');
    const area = h('textarea', { id: 'brands', 'aria-describedby': 'brands-hint', placeholder: 'My Bank: mybank.com, mybank.co.uk' });
    area.value = text;
    area.addEventListener('change', () =>
      save((s) => {
        s.brands = parseBrandLines(area.value);
      }),
    );
    return h(
      'section',
      { 'aria-labelledby': 'sec-brands' },
      h('h2', { id: 'sec-brands' }, t('secBrands')),
      h('p', { class: 'hint', id: 'brands-hint' }, t('brandsHint')),
      h('label', { for: 'brands' }, t('brandsLabel')),
      area,
    );
  };

  await render();
  // Another page changed something (the popup's preset, a stamp recorded): show it.
  watchSettings(async (s) => {
    if (JSON.stringify(s) === JSON.stringify(settings)) return;
    settings = s;
    const focused = document.activeElement?.id;
    await render();
    if (focused) document.getElementById(focused)?.focus();
  }, store);
  history.watch(async () => {
    const focused = document.activeElement?.id;
    await render();
    if (focused) document.getElementById(focused)?.focus();
  });
}

/** "Name: a.com, b.com" lines → brands; lines without a colon or domains are skipped. */
export function parseBrandLines(text: string): Settings['brands'] {
  return text
    .split(/\r?\n/)
    .map((line) => /^([^:]+):(.*)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ name: m[1]!.trim().slice(0, 100), domains: m[2]!.split(/[\s,，;；、]+/).map((d) => d.trim()).filter(Boolean).slice(0, 50) }))
    .filter((b) => b.name && b.domains.length > 0)
    .slice(0, 200);
}
