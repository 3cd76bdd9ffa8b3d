// A part of the code loaded on demand (src/core/lazy.ts): loaded once, and a failed load is a
// typed error in the person's language, tried again at the next call.
import { describe, expect, it } from 'vitest';
import { isStampError, type StampError } from '../../src/core/errors.ts';
import { lazyPart } from '../../src/core/lazy.ts';

describe('parts loaded on demand', () => {
  it('loads once, however many calls wait for it', async () => {
    let loads = 0;
    const part = lazyPart(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([part(), part()]);
    expect(a).toBe(b);
    expect(await part()).toBe(a);
    expect(loads).toBe(1);
  });

  it('a failed load is "part-missing" (what to do, in every language), and the next call tries again', async () => {
    let loads = 0;
    const part = lazyPart(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module: chrome-extension://x/chunks/api-123.js');
      return 'module';
    });
    const err = await part().catch((e: unknown) => e);
    expect(isStampError(err)).toBe(true);
    expect((err as StampError).code).toBe('part-missing');
    expect((err as StampError).message).toMatch(/Reload this page/);
    expect((err as StampError).localized('zh_CN')).toMatch(/重新加载此页面/);
    expect(await part()).toBe('module');
    expect(loads).toBe(2);
  });
});
