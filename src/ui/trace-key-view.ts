// Settings → history: the device's trace key. Export it (a short text file) to identify copies
// on another device; import one exported elsewhere. The key is shown nowhere else.
import { importTraceKey, traceKey, traceKeyItem } from '../history/trace-key.ts';
import { t } from '../i18n/t.ts';
import type { RawItem } from '../settings/store.ts';
import { download, h } from './dom.ts';

export function traceKeyView(item: RawItem = traceKeyItem): HTMLElement {
  const status = h('p', { id: 'trace-key-status', role: 'status' });
  const input = h('textarea', { id: 'trace-key-input', rows: 2, autocomplete: 'off', spellcheck: false, placeholder: 'IDSTK-…' });
  const save = async () => download(new Blob([`${await traceKey(item)}\n`], { type: 'text/plain' }), 'idstamp-trace-key.txt');
  const use = async () => {
    try {
      await importTraceKey(input.value, item);
      input.value = '';
      status.className = '';
      status.textContent = t('traceKeyImported');
    } catch {
      status.className = 'error';
      status.textContent = t('traceKeyBad');
    }
  };
  return h(
    'div',
    { class: 'trace-key', id: 'trace-key' },
    h('h3', null, t('traceKeyTitle')),
    h('p', { class: 'hint' }, t('traceKeyHint')),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'trace-key-export', class: 'secondary', on: { click: () => void save() } }, t('traceKeyExport'))),
    h('label', { for: 'trace-key-input' }, t('traceKeyImportLabel')),
    h('div', { class: 'row' }, input, h('button', { type: 'button', id: 'trace-key-import', class: 'secondary', on: { click: () => void use() } }, t('traceKeyImportDo'))),
    status,
  );
}
