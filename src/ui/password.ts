// Password-protected PDFs (bank statements are often locked with a date of birth): when the
// core says a file needs a password, or that the one given is wrong, ask for it in a small
// dialog and try again. The password lives only in this call: never stored, never logged.
import { isStampError } from '../core/errors.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

/** Runs `job`, asking for a password and retrying while the PDF needs one; Cancel rethrows. */
export async function withPassword<T>(name: string, job: (extra: { password?: string }) => Promise<T>): Promise<T> {
  let password: string | undefined;
  for (;;) {
    try {
      return await job(password === undefined ? {} : { password });
    } catch (err) {
      if (!isStampError(err) || (err.code !== 'pdf-password' && err.code !== 'pdf-wrong-password')) throw err;
      const answer = await ask(name, err.code === 'pdf-wrong-password');
      if (answer === undefined) throw err;
      password = answer;
    }
  }
}

function ask(name: string, wrong: boolean): Promise<string | undefined> {
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
