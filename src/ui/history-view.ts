// The options page's history: the on/off switch, "Which copy is this?", search, export, clear
// and the table. Only what was printed is shown (a clean-only copy has no purpose or code).
import { clearHistory, findCopy, historyToCsv, historyToJson, listHistory, searchHistory, sha256Hex, type HistoryEntry } from '../history/history.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t } from '../i18n/t.ts';
import type { RawItem } from '../settings/store.ts';
import { download, h, onDropFiles } from './dom.ts';
import { errorText } from './panel-view.ts';

export interface HistoryViewOptions {
  history: RawItem;
  enabled: boolean;
  onToggle: (enabled: boolean) => void;
  /** Re-render the page after the history changed here (clear). */
  rerender: () => Promise<void>;
  /** The invisible trace code in a found file, or null when it carries none that this key reads. */
  identify: (file: File) => Promise<string | null>;
}

const COLUMNS: MessageKey[] = ['colDate', 'colFile', 'colSite', 'colPurpose', 'colCode', 'colType', 'colHash'];

const typeLabel = (e: HistoryEntry) => e.type.replace(/^[a-z]+\//, '').toUpperCase() + (e.pages ? ` (${e.pages})` : '');

function row(e: HistoryEntry): HTMLTableRowElement {
  const clean = e.mode === 'strip';
  return h(
    'tr',
    null,
    h('td', { class: 'nowrap' }, new Date(e.at).toLocaleString()),
    h('td', { class: 'file' }, e.name ?? '—'),
    h('td', null, e.site),
    h('td', null, clean ? h('span', { class: 'muted' }, t('modeStrip')) : e.purpose),
    h('td', { class: 'code' }, clean ? '—' : e.code),
    h('td', { class: 'nowrap' }, typeLabel(e)),
    h('td', { class: 'hash' }, e.sha256),
  );
}

const list = (found: readonly HistoryEntry[]) =>
  h(
    'ul',
    { class: 'which-list' },
    ...found.map((e) =>
      h('li', null, h('strong', null, new Date(e.at).toLocaleString()), ` · ${e.site}`, e.purpose ? ` · “${e.purpose}”` : '', e.name ? ` · ${e.name}` : '', e.code ? ` · ${e.code}` : ''),
    ),
  );

/**
 * "Which copy is this?": drop or choose a found file (matched exactly, else by its invisible
 * trace code), or type the code seen on it.
 */
export function whichCopy(all: readonly HistoryEntry[], identify: HistoryViewOptions['identify']): HTMLElement {
  const answer = h('div', { id: 'which-answer', role: 'status', 'aria-live': 'polite' });
  const show = (found: HistoryEntry[], how: MessageKey) => {
    if (found.length === 0) {
      answer.replaceChildren(h('p', { class: 'warning' }, t('whichNone')));
      return;
    }
    answer.replaceChildren(h('p', null, t(how, { count: found.length })), list(found));
  };
  const byFile = async (file: File | undefined) => {
    if (!file) return;
    answer.replaceChildren(h('p', null, t('whichChecking')));
    const exact = findCopy(all, { sha256: await sha256Hex(file) });
    if (exact.length) return show(exact, 'whichFoundFile');
    // Not this very file: a cropped, shrunk, re-saved or screenshotted copy still carries its
    // invisible trace code.
    answer.replaceChildren(h('p', null, t('whichSearching')));
    try {
      const trace = await identify(file);
      if (trace === null) return void answer.replaceChildren(h('p', { class: 'warning' }, t('whichNoTrace')));
      const found = findCopy(all, { code: trace });
      if (!found.length) return void answer.replaceChildren(h('p', null, t('whichTraceElsewhere', { code: trace })));
      answer.replaceChildren(h('p', null, t('whichFoundTrace', { code: trace, count: found.length })), list(found));
    } catch (err) {
      answer.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  };
  const fileInput = h('input', {
    id: 'which-file',
    type: 'file',
    class: 'visually-hidden',
    tabIndex: -1,
    'aria-hidden': 'true',
    'aria-label': t('whichChoose'),
    on: { change: (e) => void byFile((e.target as HTMLInputElement).files?.[0]) },
  });
  const code = h('input', { id: 'which-code', type: 'text', autocomplete: 'off', spellcheck: false, placeholder: '7KQ2-M9XD', 'aria-describedby': 'which-hint' });
  const byCode = () => code.value.trim() && show(findCopy(all, { code: code.value }), 'whichFoundCode');
  code.addEventListener('keydown', (e) => e.key === 'Enter' && byCode());
  const box = h(
    'div',
    { class: 'which drop', id: 'which' },
    h('h3', null, t('whichTitle')),
    h('p', { class: 'hint', id: 'which-hint' }, t('whichHint')),
    h('div', { class: 'actions' }, fileInput, h('button', { type: 'button', id: 'which-choose', class: 'secondary', on: { click: () => fileInput.click() } }, t('whichChoose'))),
    h('label', { for: 'which-code' }, t('whichCodeLabel')),
    h('div', { class: 'row' }, code, h('button', { type: 'button', id: 'which-find', class: 'secondary', on: { click: byCode } }, t('whichFind'))),
    answer,
  );
  onDropFiles(box, (files) => void byFile(files[0]));
  return box;
}

export async function historyView(o: HistoryViewOptions): Promise<HTMLElement> {
  const all = await listHistory(o.history);
  const empty = all.length === 0;
  const body = h('tbody');
  const count = h('p', { id: 'history-count', role: 'status' });
  const fill = (list: HistoryEntry[]) => {
    count.textContent = empty ? t('historyEmpty') : t('historyCount', { count: list.length });
    body.replaceChildren(...list.map(row));
  };
  const search = h('input', {
    id: 'history-search',
    type: 'search',
    disabled: empty,
    'aria-label': t('historySearch'),
    placeholder: t('historySearch'),
    on: { input: () => fill(searchHistory(all, search.value)) },
  });
  fill(all);
  const stamp = new Date().toISOString().slice(0, 10);
  const exportAs = (kind: 'csv' | 'json') => {
    const list = searchHistory(all, search.value);
    const blob = kind === 'csv' ? new Blob([historyToCsv(list)], { type: 'text/csv' }) : new Blob([historyToJson(list)], { type: 'application/json' });
    download(blob, `idstamp-history-${stamp}.${kind}`);
  };
  return h(
    'section',
    { 'aria-labelledby': 'sec-history' },
    h('h2', { id: 'sec-history' }, t('secHistory')),
    h('p', { class: 'hint' }, t('historyHint')),
    h(
      'label',
      { class: 'check', for: 'history-enabled' },
      h('input', { id: 'history-enabled', type: 'checkbox', checked: o.enabled, on: { change: (e) => o.onToggle((e.target as HTMLInputElement).checked) } }),
      t('historyEnabled'),
    ),
    whichCopy(all, o.identify),
    search,
    count,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'export-csv', class: 'secondary', disabled: empty, on: { click: () => exportAs('csv') } }, t('exportCsv')),
      h('button', { type: 'button', id: 'export-json', class: 'secondary', disabled: empty, on: { click: () => exportAs('json') } }, t('exportJson')),
      h(
        'button',
        {
          type: 'button',
          id: 'clear-history',
          class: 'secondary',
          disabled: empty,
          on: {
            click: async () => {
              if (!confirm(t('clearConfirm'))) return;
              await clearHistory(o.history);
              await o.rerender();
            },
          },
        },
        t('clearHistory'),
      ),
    ),
    // An empty history shows its empty state, not a table of headers.
    empty
      ? null
      : h(
          'div',
          { class: 'table-wrap' },
          h('table', { id: 'history' }, h('caption', { class: 'visually-hidden' }, t('secHistory')), h('thead', null, h('tr', null, ...COLUMNS.map((k) => h('th', { scope: 'col' }, t(k))))), body),
        ),
  );
}
