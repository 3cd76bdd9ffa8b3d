// The password dialog for a protected PDF (bank statements are often locked with a date of
// birth). What it returns lives only in the panel's retry loop: never stored, never logged.
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

/** The dialog the panel's password loop (src/panel/password.ts) asks with; undefined: Cancel. */
export function askPassword(name: string, wrong: boolean): Promise<string | undefined> {
  const field = h('input', { id: 'pdf-password', type: 'password', autocomplete: 'off', required: true });
  const ok = h('button', { type: 'submit', id: 'pdf-password-ok' }, t('passwordOpen'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'pdf-password-cancel' }, t('passwordCancel'));
  const form = h(
    'form',
    { method: 'dialog' },
    h('label', { for: 'pdf-password' }, t('passwordAsk', { file: name })),
    field,
    ...(wrong ? [h('p', { class: 'error', role: 'alert' }, t('passwordWrong'))] : []),
    h('p', { class: 'hint' }, t('passwordHint')),
    h('div', { class: 'actions' }, ok, cancel),
  );
  const dialog = h('dialog', { id: 'pdf-password-dialog', 'aria-label': t('passwordAsk', { file: name }) }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    const done = (value: string | undefined) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      done(field.value);
    });
    cancel.addEventListener('click', () => done(undefined));
    dialog.addEventListener('cancel', () => done(undefined)); // Escape
    dialog.showModal();
    field.focus();
  });
}
