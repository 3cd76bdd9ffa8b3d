// The options page: language, the look of the mark (with a live preview stamped by the real
// pipeline on a specimen card), its text, saved files, the upload guard, per-site rules,
// official domains, history. Every change is saved at once and says so next to its control;
// changes made elsewhere (the popup's preset) show here live.
import { historyItem } from '../history/history.ts';
import { createLookPreview, type LookPreview, type LookShown } from '../panel/look.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t, uiLang } from '../i18n/t.ts';
import { DEFAULT_SETTINGS, PRESETS, SettingsSchema, type PresetName, type Settings } from '../settings/schema.ts';
import { patchSite, removeSite, siteTableEdits, updateSite, type SitePatch, type SiteRecord } from '../settings/sites.ts';
import { loadSettings, saveSettings, settingsItem, updateSettings, watchSettings, type RawItem } from '../settings/store.ts';
import { registrableDomain } from '../sites/domain.ts';
import { debounce, h } from './dom.ts';
import { historyView } from './history-view.ts';
import { traceKeyView } from './trace-key-view.ts';
import { identifyCopy } from '../history/identify.ts';
import { languageOptions } from './language.ts';
import { browserLookDeps } from './specimen.ts';

type Option = [value: string, label: MessageKey];
type Look = Pick<Settings['watermark'], 'opacity' | 'size' | 'density' | 'angle' | 'color'>;

/**
 * Below this share of its contrast left against the mark, the specimen's printed text counts as
 * covered. Calibrated with tesseract on the preview itself (3 colours × size 2.8/5/8 % × opacity
 * 30–100 %): every look that kept ≥ 0.65 still read at ≥ 0.96 of the unstamped fields' text
 * up to 5 % size (≥ 0.94 at 8 %); every look at ≤ 0.56 fell to 0.60–0.95 (most about 0.65).
 * The defaults keep 0.82 (0.826 since the preview draws the popup's job with the sample mark's
 * layout variation; strict 0.753). tests/e2e/options.test.ts checks both sides with tesseract.
 */
const COVER_BELOW = 0.6;

function select(id: string, options: Option[], value: string, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', { id, on: { change: () => onChange(el.value) } }, ...options.map(([v, k]) => h('option', { value: v }, t(k))));
  el.value = value;
  return el;
}

/** Until when each control shows "✓ Saved." (kept across re-renders). */
const savedUntil = new Map<string, number>();
const SAVED_MS = 4000;

/** Where "✓ Saved." shows for a control, right after it. Hidden from screen readers: the
 * header's status line tells them once, and the slot stays out of a checkbox label's name. */
const savedSlot = (id: string) => h('span', { class: 'saved-state', id: `${id}-saved`, 'aria-hidden': 'true' }, (savedUntil.get(id) ?? 0) > Date.now() ? `✓ ${t('savedNote')}` : '');

/** Label, the control with its saved state, and a hint. */
const field = (id: string, label: MessageKey, control: HTMLElement, hint?: MessageKey) =>
  h('div', { class: 'field' }, h('label', { for: id }, t(label)), h('div', { class: 'control' }, control, savedSlot(id)), hint ? h('p', { class: 'hint', id: `${id}-hint` }, t(hint)) : null);

/** A range with its value shown: `show` turns the stored number into what a person reads. */
function range(id: string, value: number, min: number, max: number, step: number, show: (v: number) => string, onInput: () => void, onChange: (v: number) => void) {
  const out = h('output', { for: id }, show(value));
  const el = h('input', { id, type: 'range', min, max, step, value: String(value) });
  el.addEventListener('input', () => {
    out.textContent = show(Number(el.value));
    onInput();
  });
  el.addEventListener('change', () => onChange(Number(el.value)));
  return h('div', { class: 'range' }, el, out);
}

/**
 * The specimen card stamped with the look being set, and whether the mark would cover its data
 * (the printed text's contrast left under the mark). A view over src/panel/look.ts, which draws
 * it the way the popup draws its preview, the newest look winning.
 */
function lookPreview(look: LookPreview) {
  const img = h('img', { id: 'look-preview-img', alt: t('previewAlt'), hidden: true });
  const busy = h('p', { class: 'hint' }, t('previewWorking'));
  const contrast = h('p', { class: 'hint', id: 'preview-contrast' });
  const warning = h('p', { class: 'alert', id: 'cover-warning', hidden: true }, t('coverWarning'));
  const el = h(
    'figure',
    { class: 'look-preview', id: 'look-preview', 'aria-labelledby': 'look-preview-caption' },
    h('figcaption', { id: 'look-preview-caption' }, t('previewTitle')),
    busy,
    img,
    contrast,
    // Only the warning is announced (not every figure while a slider moves).
    h('div', { role: 'status' }, warning),
  );
  let drawn = 0;
  const showReady = async (shown: LookShown) => {
    const old = img.src;
    img.src = URL.createObjectURL(shown.file);
    await img.decode().catch(() => undefined);
    if (old) URL.revokeObjectURL(old);
    // A newer look came while this one was decoded: it is being drawn, the page stays busy.
    if (look.state.state !== 'ready' || look.state.file !== shown.file) return;
    img.hidden = false;
    busy.hidden = true;
    contrast.textContent = t('previewContrast', { percent: `${Math.round(shown.kept * 100)} %` });
    warning.hidden = shown.kept >= COVER_BELOW;
    // For tests and the curious: what was measured, and how many looks were drawn.
    el.dataset.contrast = shown.kept.toFixed(3);
    el.dataset.drawn = String(++drawn);
    el.removeAttribute('aria-busy');
  };
  look.subscribe(() => {
    const p = look.state;
    if (p.state === 'working') el.setAttribute('aria-busy', 'true');
    else if (p.state === 'ready') void showReady(p);
    // The preview illustrates; a failure leaves the last one (the settings still save).
    else el.removeAttribute('aria-busy');
  });
  return el;
}

export async function mountOptions(root: HTMLElement, savedNote: HTMLElement, store: RawItem = settingsItem, history: RawItem = historyItem): Promise<void> {
  let settings = await loadSettings(store);
  const clearNote = debounce(() => (savedNote.textContent = ''), SAVED_MS);
  /** "✓ Saved." next to the control that changed (and once for screen readers). */
  const showSaved = (id: string) => {
    savedUntil.set(id, Date.now() + SAVED_MS);
    const slot = document.getElementById(`${id}-saved`);
    if (slot) slot.textContent = `✓ ${t('savedNote')}`;
    setTimeout(() => {
      if ((savedUntil.get(id) ?? 0) > Date.now()) return; // saved again since
      const now = document.getElementById(`${id}-saved`);
      if (now) now.textContent = '';
    }, SAVED_MS + 50);
    savedNote.textContent = t('savedNote');
    clearNote();
  };
  /** Our own writes, as the storage watcher will report them: their echo re-renders nothing
   * (a re-render in the middle of quick changes, arrow keys on a slider, would undo some). */
  const own = new Set<string>();
  /** `change` shown at once; `write` stores it (default: as `change` says). */
  const save = async (id: string, change: (s: Settings) => void, write = () => updateSettings(change, store)) => {
    const next = structuredClone(settings);
    change(next);
    settings = SettingsSchema.parse(next);
    own.add(JSON.stringify(settings));
    settings = await write();
    showSaved(id);
  };
  /** A site's record changes only through updateSite (a merge: its other fields stay). */
  const saveSite = (id: string, domain: string, patch: SitePatch) =>
    save(
      id,
      (s) => patchSite(s, domain, patch),
      () => updateSite(domain, patch, store),
    );
  const look = createLookPreview(browserLookDeps(uiLang()));
  const preview = lookPreview(look);

  /** The look as the controls show it now (moved, maybe not saved yet). */
  const lookNow = (): Settings => {
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value;
    const w = { ...settings.watermark };
    for (const k of ['opacity', 'size', 'density', 'angle'] as const) {
      const v = Number(value(k));
      if (Number.isFinite(v)) w[k] = v;
    }
    w.color = value('color') ?? w.color;
    return { ...settings, watermark: w };
  };
  /** The preview follows the controls as they move (the model waits for a pause). */
  const redraw = () => look.show(lookNow());
  /** A look setting changed by hand: saved, and the preset becomes custom. */
  const saveLook = async (key: keyof Look, v: number | string) => {
    await save(key, (s) => {
      (s.watermark as Record<keyof Look, number | string>)[key] = v;
      s.preset = 'custom';
    });
    const preset = document.getElementById('preset') as HTMLSelectElement | null;
    if (preset) preset.value = 'custom';
    redraw();
  };
  /** Text settings change what the mark says: saved, then shown. */
  const saveText = async (id: string, change: (s: Settings) => void) => {
    await save(id, change);
    redraw();
  };

  /** Renders started: only the newest one puts its tree on the page. */
  let renders = 0;
  const render = async () => {
    const mine = ++renders;
    // Everything that waits comes first: the tree below is built and put in place in one go.
    // Building it moves the live preview into the new, detached tree, so an `await` in the
    // middle would take the preview off the page for that long (seen in a test as
    // getElementById('look-preview') === null while a preset re-rendered the page).
    const historyPart = await historySection();
    if (mine !== renders) return;
    const w = settings.watermark;
    const o = settings.output;
    const percent = (v: number) => `${Math.round(v * 100)} %`;
    root.replaceChildren(
      languageSection(),
      h(
        'section',
        { 'aria-labelledby': 'sec-look' },
        h('h2', { id: 'sec-look' }, t('secLook')),
        h(
          'div',
          { class: 'look' },
          h(
            'div',
            { class: 'look-controls' },
            field(
              'preset',
              'lookPresetLabel',
              select(
                'preset',
                [
                  ['kyc', 'presetKyc'],
                  ['strict', 'presetStrict'],
                  ['custom', 'presetCustom'],
                ],
                settings.preset,
                async (v) => {
                  await save('preset', (s) => {
                    s.preset = v as Settings['preset'];
                    if (v !== 'custom') Object.assign(s.watermark, PRESETS[v as PresetName]);
                  });
                  // The sliders move to the preset's values.
                  await render();
                  document.getElementById('preset')?.focus();
                  showSaved('preset');
                },
              ),
              'presetHint',
            ),
            field(
              'color',
              'colorLabel',
              h('input', { id: 'color', type: 'color', value: w.color, on: { input: redraw, change: (e) => void saveLook('color', (e.target as HTMLInputElement).value) } }),
            ),
            field(
              'opacity',
              'opacityLabel',
              range('opacity', w.opacity, 0.05, 1, 0.01, percent, redraw, (v) => void saveLook('opacity', v)),
            ),
            field(
              'size',
              'sizeLabel',
              range(
                'size',
                w.size,
                0.01,
                0.08,
                0.002,
                (v) => `${(v * 100).toFixed(1)} %`,
                redraw,
                (v) => void saveLook('size', v),
              ),
            ),
            field(
              'density',
              'densityLabel',
              range('density', w.density, 0, 1, 0.05, percent, redraw, (v) => void saveLook('density', v)),
            ),
            field(
              'angle',
              'angleLabel',
              range(
                'angle',
                w.angle,
                -90,
                90,
                1,
                (v) => `${v}°`,
                redraw,
                (v) => void saveLook('angle', v),
              ),
            ),
          ),
          preview,
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'sec-mark-text' },
        h('h2', { id: 'sec-mark-text' }, t('secMarkText')),
        field(
          'default-purpose',
          'defaultPurposeLabel',
          textInput('default-purpose', w.purpose, (v) => saveText('default-purpose', (s) => void (s.watermark.purpose = v))),
          'defaultPurposeHint',
        ),
        field(
          'template',
          'templateLabel',
          textArea('template', w.template, (v) => saveText('template', (s) => void (s.watermark.template = v || DEFAULT_SETTINGS.watermark.template))),
          'templateHint',
        ),
        field(
          'date-format',
          'dateFormatLabel',
          select(
            'date-format',
            [
              ['iso', 'dateIso'],
              ['local', 'dateLocal'],
              ['none', 'dateNone'],
            ],
            w.dateFormat,
            (v) => saveText('date-format', (s) => void (s.watermark.dateFormat = v as Settings['watermark']['dateFormat'])),
          ),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'sec-files' },
        h('h2', { id: 'sec-files' }, t('secFiles')),
        field(
          'naming',
          'namingLabel',
          select(
            'naming',
            [
              ['suffix', 'namingSuffix'],
              ['keep', 'namingKeep'],
              ['neutral', 'namingNeutral'],
            ],
            o.naming,
            (v) => save('naming', (s) => void (s.output.naming = v as Settings['output']['naming'])),
          ),
        ),
        field(
          'format',
          'formatLabel',
          select(
            'format',
            [
              ['same', 'formatSame'],
              ['jpeg', 'formatJpeg'],
              ['png', 'formatPng'],
              ['pdf', 'formatPdf'],
            ],
            o.format,
            (v) => save('format', (s) => void (s.output.format = v as Settings['output']['format'])),
          ),
        ),
        field(
          'max-size',
          'maxSizeLabel',
          numberInput('max-size', o.maxBytes ? o.maxBytes / 1e6 : null, 0.05, 100, 0.1, (v) => save('max-size', (s) => void (s.output.maxBytes = v === null ? null : Math.round(v * 1e6)))),
        ),
        field(
          'max-dimension',
          'maxDimensionLabel',
          numberInput('max-dimension', o.maxDimension, 200, 30000, 1, (v) => save('max-dimension', (s) => void (s.output.maxDimension = v === null ? null : Math.round(v)))),
        ),
        field(
          'pdf-mode',
          'pdfModeLabel',
          select(
            'pdf-mode',
            [
              ['flatten', 'pdfFlatten'],
              ['keep-text', 'pdfKeepText'],
            ],
            o.pdfMode,
            (v) => save('pdf-mode', (s) => void (s.output.pdfMode = v as 'flatten' | 'keep-text')),
          ),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'sec-guard' },
        h('h2', { id: 'sec-guard' }, t('secGuard')),
        field(
          'guard-mode',
          'guardModeLabel',
          select(
            'guard-mode',
            [
              ['verification', 'guardVerification'],
              ['everywhere', 'guardEverywhere'],
              ['off', 'guardOff'],
            ],
            settings.guard.mode,
            (v) => save('guard-mode', (s) => void (s.guard.mode = v as Settings['guard']['mode'])),
          ),
        ),
        checkbox('silent-strip', 'silentStripLabel', settings.guard.silentStrip, (v) => save('silent-strip', (s) => void (s.guard.silentStrip = v))),
        checkbox('mrz-read', 'mrzReadSetting', settings.mrz.read, (v) => save('mrz-read', (s) => void (s.mrz.read = v))),
      ),
      sitesSection(),
      brandsSection(),
      historyPart,
      h(
        'section',
        null,
        h(
          'p',
          null,
          h(
            'button',
            {
              type: 'button',
              id: 'reset',
              class: 'secondary',
              on: {
                click: async () => {
                  if (!confirm(t('resetConfirm'))) return;
                  settings = await saveSettings(DEFAULT_SETTINGS, store);
                  await render();
                },
              },
            },
            t('resetDefaults'),
          ),
        ),
      ),
    );
    void look.showNow(settings);
  };

  const historySection = async () => {
    const section = await historyView({
      history,
      enabled: settings.history.enabled,
      onToggle: (v) => void save('history-enabled', (s) => void (s.history.enabled = v)),
      rerender: render,
      identify: (file) => identifyCopy(file),
    });
    section.append(traceKeyView());
    section.querySelector('#history-enabled')?.closest('label')?.append(savedSlot('history-enabled'));
    return section;
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
      id,
      type: 'number',
      min,
      max,
      step,
      value: value === null ? '' : String(value),
      on: {
        change: (e) => {
          const el = e.target as HTMLInputElement;
          const v = el.value.trim() === '' ? null : Number(el.value);
          if (v === null || (Number.isFinite(v) && v >= min && v <= max)) onChange(v);
          else el.value = value === null ? '' : String(value);
        },
      },
    });
  const checkbox = (id: string, label: MessageKey, value: boolean, onChange: (v: boolean) => void) =>
    h('label', { class: 'check', for: id }, h('input', { id, type: 'checkbox', checked: value, on: { change: (e) => onChange((e.target as HTMLInputElement).checked) } }), t(label), savedSlot(id));

  /** The interface's language (the page reloads in it) and the standard purpose line's. */
  const languageSection = () => {
    const ui = h('select', { id: 'ui-lang' }, h('option', { value: 'auto' }, t('langBrowser')), ...languageOptions());
    ui.value = settings.language.ui;
    ui.addEventListener('change', async () => {
      await save('ui-lang', (s) => void (s.language.ui = ui.value as Settings['language']['ui']));
      location.reload();
    });
    const purpose = h('select', { id: 'purpose-lang-default', 'aria-describedby': 'purpose-lang-default-hint' }, h('option', { value: 'ui' }, t('purposeLangUi')), ...languageOptions());
    purpose.value = settings.language.purpose;
    purpose.addEventListener('change', () => saveText('purpose-lang-default', (s) => void (s.language.purpose = purpose.value as Settings['language']['purpose'])));
    return h(
      'section',
      { 'aria-labelledby': 'sec-language' },
      h('h2', { id: 'sec-language' }, t('secLanguage')),
      field('ui-lang', 'uiLangLabel', ui),
      field('purpose-lang-default', 'purposeLangDefaultLabel', purpose, 'purposeLangHint'),
    );
  };

  /** One row per site: the guard's rule, clean copies only, its purpose line and that line's language. */
  const siteRow = (domain: string, rule: Settings['sites'][string]) => {
    const rules: Option[] = [
      ['always', 'ruleAlways'],
      ['ask', 'ruleAsk'],
      ['never', 'ruleNever'],
    ];
    const ruleSelect = select(`rule-${domain}`, rules, rule.rule, (v) => saveSite(`rule-${domain}`, domain, siteTableEdits.rule(v as SiteRecord['rule'])));
    ruleSelect.setAttribute('aria-label', `${t('ruleColumn')}: ${domain}`);
    const clean = h('input', {
      id: `copy-${domain}`,
      type: 'checkbox',
      checked: rule.copy === 'clean',
      on: { change: () => saveSite(`copy-${domain}`, domain, siteTableEdits.cleanOnly(clean.checked)) },
    });
    const purpose = h('input', {
      id: `purpose-${domain}`,
      type: 'text',
      value: rule.purpose ?? '',
      'aria-label': `${t('purposeColumn')}: ${domain}`,
      on: { change: () => saveSite(`purpose-${domain}`, domain, siteTableEdits.purpose(purpose.value)) },
    });
    const lang = h('select', { id: `plang-${domain}`, 'aria-label': `${t('purposeLangLabel')}: ${domain}` }, h('option', { value: '' }, t('siteLangStandard')), ...languageOptions());
    lang.value = rule.purposeLang ?? '';
    lang.addEventListener('change', () => saveSite(`plang-${domain}`, domain, siteTableEdits.purposeLang(lang.value as SiteRecord['purposeLang'] | '')));
    // data-label: the column's name, shown above the control where the table becomes cards.
    const cell = (id: string, column: MessageKey, control: HTMLElement) => h('td', { 'data-label': t(column) }, h('div', { class: 'control' }, control, savedSlot(id)));
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, domain),
      cell(`rule-${domain}`, 'ruleColumn', ruleSelect),
      h('td', { 'data-label': t('siteCopyColumn') }, h('label', { class: 'check', for: `copy-${domain}` }, clean, t('siteCleanOnly'), savedSlot(`copy-${domain}`))),
      cell(`purpose-${domain}`, 'purposeColumn', purpose),
      cell(`plang-${domain}`, 'purposeLangLabel', lang),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-label': t('removeSite', { site: domain }),
            on: {
              click: async () => {
                await save(
                  'new-site',
                  (s) => void delete s.sites[domain],
                  () => removeSite(domain, store),
                );
                await render();
              },
            },
          },
          '×',
        ),
      ),
    );
  };

  const sitesSection = () => {
    const entries = Object.entries(settings.sites).sort(([a], [b]) => a.localeCompare(b));
    const newSite = h('input', { id: 'new-site', type: 'text', placeholder: t('sitePlaceholder'), 'aria-label': t('siteColumn') });
    const add = async () => {
      const domain = registrableDomain(newSite.value);
      if (!domain) return;
      await saveSite('new-site', domain, {});
      await render();
      document.getElementById('new-site')?.focus();
    };
    newSite.addEventListener('keydown', (e) => e.key === 'Enter' && add());
    const col = (k: MessageKey) => h('th', { scope: 'col' }, t(k));
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
              h('thead', null, h('tr', null, col('siteColumn'), col('ruleColumn'), col('siteCopyColumn'), col('purposeColumn'), col('purposeLangLabel'), h('td'))),
              h('tbody', null, ...entries.map(([domain, rule]) => siteRow(domain, rule))),
            ),
          ),
      h('div', { class: 'row' }, newSite, h('button', { type: 'button', id: 'add-site', class: 'secondary', on: { click: add } }, t('addSite'))),
    );
  };

  /** "Name: domain, domain" per line, for the lookalike warning. */
  const brandsSection = () => {
    const text = settings.brands.map((b) => `${b.name}: ${b.domains.join(', ')}`).join('\n');
    const area = h('textarea', { id: 'brands', 'aria-describedby': 'brands-hint', placeholder: t('brandsPlaceholder') });
    area.value = text;
    area.addEventListener('change', () =>
      save('brands', (s) => {
        s.brands = parseBrandLines(area.value);
      }),
    );
    return h(
      'section',
      { 'aria-labelledby': 'sec-brands' },
      h('h2', { id: 'sec-brands' }, t('secBrands')),
      h('p', { class: 'hint', id: 'brands-hint' }, t('brandsHint')),
      h('label', { for: 'brands' }, t('brandsLabel')),
      h('div', { class: 'control' }, area, savedSlot('brands')),
    );
  };

  await render();
  // Another page changed something (the popup's preset, a stamp recorded): show it.
  watchSettings(async (s) => {
    const json = JSON.stringify(s);
    if (own.delete(json) || json === JSON.stringify(settings)) return;
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
    .map((m) => ({
      name: m[1]!.trim().slice(0, 100),
      domains: m[2]!
        .split(/[\s,，;；、]+/)
        .map((d) => d.trim())
        .filter(Boolean)
        .slice(0, 50),
    }))
    .filter((b) => b.name && b.domains.length > 0)
    .slice(0, 200);
}
