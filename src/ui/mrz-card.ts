// What the document's machine-readable zone says, shown before the upload: type and issuer, the
// name exactly as printed (with a hint to type it that way), the number, the expiry with a
// warning when past or near, a warning when check digits fail, and after stamping whether the
// copy still reads. Shown only: nothing here is stored or sent.
import type { MrzReading } from '../core/mrz/read.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

export function mrzCard(r: MrzReading, after?: { valid: boolean; restamped: boolean }): HTMLElement | null {
  if (!r.found || !r.fields) return null;
  const f = r.fields;
  const kind = f.documentCode.startsWith('P') ? t('mrzPassport') : t('mrzCard');
  const warn = (text: string, id: string) => h('p', { class: 'warning', dataset: { mrz: id } }, text);
  return h(
    'div',
    { class: 'quality mrz', id: 'mrz', role: 'status' },
    h('strong', null, t('mrzTitle')),
    r.valid ? null : warn(t('mrzBadCheck'), 'check'),
    h('p', null, t('mrzDocument', { document: kind, country: f.issuingState })),
    h('p', { id: 'mrz-name' }, t('mrzName', { surname: f.surname, given: f.givenNames })),
    h('p', { class: 'hint' }, t('mrzNameHint')),
    h('p', { id: 'mrz-number' }, t('mrzNumber', { number: f.documentNumber })),
    f.expiryDate ? h('p', { id: 'mrz-expiry' }, t('mrzExpiry', { date: f.expiryDate })) : null,
    r.expiry === 'expired' ? warn(t('mrzExpired'), 'expired') : r.expiry === 'soon' ? warn(t('mrzExpiresSoon'), 'soon') : null,
    after ? h('p', { id: 'mrz-after', class: after.valid ? 'ok' : 'warning' }, after.valid ? (after.restamped ? t('mrzLightened') : t('mrzStillReads')) : t('mrzNoLongerReads')) : null,
    h('p', { class: 'hint' }, t('mrzPrivate')),
  );
}
