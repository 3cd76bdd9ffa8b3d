import { describe, expect, it } from 'vitest';
import { accepts, outputFor } from '../../src/guard/prompt/accept.ts';
import { decide, guardSettings, ruleFor, GUARD_DEFAULTS } from '../../src/guard/content/settings-lite.ts';
import { statedMaxBytes } from '../../src/guard/content/signals.ts';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/settings/schema.ts';

describe('accept attribute', () => {
  it('matches MIME types, wildcards and extensions', () => {
    expect(accepts('', 'image/heic')).toBe(true);
    expect(accepts('image/*', 'image/png')).toBe(true);
    expect(accepts('image/*', 'application/pdf')).toBe(false);
    expect(accepts('.jpg, .jpeg', 'image/jpeg', 'a.JPG')).toBe(true);
    expect(accepts('application/pdf,.png', 'image/png', 'a.png')).toBe(true);
  });

  it('keeps the type when accepted, converts when not', () => {
    expect(outputFor('', 'webp')).toBe('same');
    expect(outputFor('image/*', 'png')).toBe('same');
    expect(outputFor('image/jpeg', 'png')).toBe('jpeg');
    expect(outputFor('.jpg,.jpeg', 'webp')).toBe('jpeg');
    expect(outputFor('image/png', 'jpeg')).toBe('png');
    expect(outputFor('application/pdf', 'jpeg')).toBe('pdf');
    expect(outputFor('image/jpeg,image/png', 'pdf')).toBe('jpeg');
    expect(outputFor('image/*,application/pdf', 'pdf')).toBe('same');
    expect(outputFor('image/png', 'gif')).toBe('same'); // GIF comes out as PNG anyway
    expect(outputFor('video/mp4', 'jpeg')).toBeUndefined();
  });
});

describe('guard settings as the content script reads them', () => {
  it('agrees with the full schema on defaults and reads damaged values as defaults', () => {
    const full = SettingsSchema.parse({});
    expect(guardSettings(full)).toEqual({ mode: full.guard.mode, silentStrip: full.guard.silentStrip, rules: {} });
    expect(guardSettings(undefined)).toEqual(GUARD_DEFAULTS);
    expect(guardSettings({ guard: { mode: 'loud', silentStrip: 'yes' }, sites: { 'a.com': { rule: 'sometimes' }, 'b.com': { rule: 'never' } } })).toEqual({
      ...GUARD_DEFAULTS,
      rules: { 'b.com': 'never' },
    });
    expect(guardSettings({ ...DEFAULT_SETTINGS, guard: { mode: 'off', silentStrip: true } })).toMatchObject({ mode: 'off', silentStrip: true });
  });

  it('finds the rule of a subdomain’s registrable domain', () => {
    expect(ruleFor('verify.okx.com', { 'okx.com': 'always' })).toBe('always');
    expect(ruleFor('okx.com.evil.io', { 'okx.com': 'always' })).toBeUndefined();
    expect(ruleFor('localhost', { localhost: 'never' })).toBe('never');
  });

  it('decides: rules first, then the mode, then the silent strip', () => {
    const yes = () => true;
    const no = () => false;
    const s = (over: Partial<typeof GUARD_DEFAULTS>) => ({ ...GUARD_DEFAULTS, ...over });
    expect(decide(s({}), 'a.com', yes, true)).toBe('ask');
    expect(decide(s({}), 'a.com', no, true)).toBe('pass');
    expect(decide(s({ silentStrip: true }), 'a.com', no, true)).toBe('silent');
    expect(decide(s({ silentStrip: true }), 'a.com', no, false)).toBe('pass'); // PDFs only: nothing to strip silently
    expect(decide(s({ mode: 'everywhere' }), 'a.com', no, true)).toBe('ask');
    expect(decide(s({ mode: 'off' }), 'a.com', yes, true)).toBe('pass');
    expect(decide(s({ mode: 'off', rules: { 'a.com': 'ask' } }), 'x.a.com', no, true)).toBe('ask');
    expect(decide(s({ rules: { 'a.com': 'always' } }), 'a.com', no, true)).toBe('auto');
    expect(decide(s({ rules: { 'a.com': 'never' } }), 'a.com', yes, true)).toBe('pass');
    expect(decide(s({ silentStrip: true, rules: { 'a.com': 'never' } }), 'a.com', yes, true)).toBe('silent');
  });
});

describe('size limits stated on the page', () => {
  it.each([
    ['JPG or PNG, max 5 MB', 5 * 1024 * 1024],
    ['Maximum file size: 10MB', 10 * 1024 * 1024],
    ['文件大小不超过2M', 2 * 1024 * 1024],
    ['up to 500 KB', 500 * 1024],
    ['图片最大 3MB', 3 * 1024 * 1024],
    ['Upload a photo of your ID', undefined],
    ['max 1 KB', undefined],
  ])('%s → %s', (text, bytes) => expect(statedMaxBytes([text])).toBe(bytes));
});
