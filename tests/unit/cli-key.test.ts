// The CLI's own trace key (cli/trace-key.ts): made on first use, readable by its owner only,
// the same key on every later run, and a file that holds no key refused, in the person's
// language, and never replaced (copies already made depend on it).
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliSetupError } from '../../cli/errors.ts';
import { loadOrCreateKey } from '../../cli/trace-key.ts';
import { importKey } from '../../src/core/trace/index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'idstamp-key-'));

describe('CLI trace key file', () => {
  it('is made on first use (0600 in a 0700 folder) and read back the same later', () => {
    const path = join(dir(), 'idstamp', 'trace-key');
    const made = loadOrCreateKey(path);
    expect(() => importKey(made)).not.toThrow();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(loadOrCreateKey(path)).toBe(made);
  });

  it('refuses a file that holds no key with a typed error in English and Chinese, and leaves it as it is', () => {
    const path = join(dir(), 'trace-key');
    writeFileSync(path, 'not a key at all\n');
    let error: unknown;
    try {
      loadOrCreateKey(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliSetupError);
    const e = error as CliSetupError;
    expect(e.code).toBe('bad-trace-key');
    expect(e.message).toContain(path);
    expect(e.message).toContain('--trace-key');
    expect(e.localized('zh_CN')).toMatch(/没有追踪密钥.*--trace-key/);
    expect(readFileSync(path, 'utf8')).toBe('not a key at all\n');
  });
});
