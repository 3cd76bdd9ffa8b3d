// Password-protected PDFs (bank statements are often locked with a date of birth): when the core
// says a file needs a password, or that the one given is wrong, ask and try again. The password
// lives only in this call: never stored, never logged.
import { isStampError } from '../core/errors.ts';

/** Asks the person; undefined: they cancelled. */
export type AskPassword = (name: string, wrong: boolean) => Promise<string | undefined>;

/** Runs `job`, asking for a password and retrying while the PDF needs one; Cancel rethrows. */
export async function withPassword<T>(name: string, job: (extra: { password?: string }) => Promise<T>, ask: AskPassword): Promise<T> {
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
