// What the document's machine-readable zone says, shown before the upload: type and issuer, the
// name exactly as printed (with a hint to type it that way), the number, the expiry with a
// warning when past or near, a warning when check digits fail, and after stamping whether the
// copy still reads. Shown only: nothing here is stored or sent.
import type { MrzField } from '../core/mrz/certain.ts';
import type { MrzReading } from '../core/mrz/read.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

export function mrzCard(r: MrzReading, after?: { valid: boolean; restamped: boolean }): HTMLElement | null {
  if (!r.found || !r.fields) return null;
  const f = r.fields;
  const kind = f.documentCode.startsWith('P') ? t('mrzPassport') : t('mrzCard');
  const warn = (text: string, id: string) => h('p', { class: 'warning', dataset: { mrz: id } }, text);
  // A field the reader is not sure of is never shown as a value to type (certain.ts).
  const unsure = (field: MrzField) => r.uncertain.includes(field);
  const nameUnsure = unsure('surname') || unsure('givenNames');
  const value = (field: MrzField, text: string) => (unsure(field) ? t('mrzUnsure') : text);
  return h(
    'div',
    { class: 'quality mrz', id: 'mrz', role: 'status' },
    h('strong', null, t('mrzTitle')),
    r.valid ? null : warn(t('mrzBadCheck'), 'check'),
    h(
      'p',
      { id: 'mrz-document', ...unsureMark(unsure('issuingState')) },
      unsure('issuingState') ? t('mrzDocumentUnsure', { document: kind }) : t('mrzDocument', { document: kind, country: f.issuingState }),
    ),
    h('p', { id: 'mrz-name', ...unsureMark(nameUnsure) }, nameUnsure ? t('mrzNameUnsure') : t('mrzName', { surname: f.surname, given: f.givenNames })),
    nameUnsure ? null : h('p', { class: 'hint' }, t('mrzNameHint')),
    h('p', { id: 'mrz-number', ...unsureMark(unsure('documentNumber')) }, t('mrzNumber', { number: value('documentNumber', f.documentNumber) })),
    f.expiryDate ? h('p', { id: 'mrz-expiry', ...unsureMark(unsure('expiryDate')) }, t('mrzExpiry', { date: value('expiryDate', f.expiryDate) })) : null,
    r.expiry === 'expired' ? warn(t('mrzExpired'), 'expired') : r.expiry === 'soon' ? warn(t('mrzExpiresSoon'), 'soon') : null,
    after ? h('p', { id: 'mrz-after', class: after.valid ? 'ok' : 'warning' }, after.valid ? (after.restamped ? t('mrzLightened') : t('mrzStillReads')) : t('mrzNoLongerReads')) : null,
    h('p', { class: 'hint' }, t('mrzPrivate')),
  );
}

/** Lines with a field not read reliably are marked, for the style sheet and for tests. */
const unsureMark = (on: boolean) => (on ? { class: 'unsure', dataset: { unsure: '' } } : {});
