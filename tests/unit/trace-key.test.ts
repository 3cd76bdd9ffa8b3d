import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportKey, makeKey } from '../../src/core/trace/index.ts';
import { importTraceKey, traceKey, traceKeyItem } from '../../src/history/trace-key.ts';

describe('the device trace key', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is made once, stored, and the same on every later call', async () => {
    expect(await traceKeyItem.getValue()).toBeNull();
    const first = await traceKey();
    expect(first).toMatch(/^IDSTK(-[0-9A-Z]{1,5})+$/);
    expect(await traceKeyItem.getValue()).toBe(first);
    expect(await traceKey()).toBe(first);
  });

  it('replaces a damaged stored value with a new key instead of failing', async () => {
    await traceKeyItem.setValue('IDSTK-NOT-A-KEY');
    const key = await traceKey();
    expect(key).not.toBe('IDSTK-NOT-A-KEY');
    expect(await traceKey()).toBe(key);
  });

  it('imports a key exported on another device, and refuses a mistyped one keeping the old', async () => {
    const mine = await traceKey();
    const theirs = exportKey(makeKey());
    // Typed by hand: lower case, spaces instead of dashes.
    expect(await importTraceKey(theirs.toLowerCase().replaceAll('-', ' '))).toBe(theirs);
    expect(await traceKey()).toBe(theirs);
    // One character of the key itself changed (the last one also holds padding bits).
    const at = 12;
    const typo = theirs.slice(0, at) + (theirs[at] === 'A' ? 'B' : 'A') + theirs.slice(at + 1);
    await expect(importTraceKey(typo)).rejects.toThrow();
    expect(await traceKey()).toBe(theirs);
    expect(mine).not.toBe(theirs);
  });
});
