// The command line's own trace key (issue 21): one secret per person, kept in a file only they
// can read, so every copy they stamp carries an invisible code only their key can read back.
// The key is never printed; losing the file means old copies can no longer be identified.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportKey, importKey, makeKey } from '../src/core/trace/index.ts';
import { CliSetupError } from './errors.ts';

/** $XDG_CONFIG_HOME/idstamp/trace-key, else ~/.config/idstamp/trace-key. */
export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'idstamp', 'trace-key');
}

/**
 * The key at `path` as exported text, made on first use (mode 0600, its folder 0700). A file
 * that is there but does not hold a key is an error, never replaced: copies already made
 * depend on it.
 */
export function loadOrCreateKey(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    text = exportKey(makeKey());
    // 'wx': never overwrite a key another run has just written.
    writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return text;
  }
  try {
    importKey(text);
  } catch {
    throw new CliSetupError('bad-trace-key', { file: path });
  }
  return text;
}
