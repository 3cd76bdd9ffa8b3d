// One site record, one writer (src/settings/sites.ts updateSite): every page action that
// changes a site keeps the fields it did not touch; two pages writing at once lose neither change.
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/settings/schema.ts';
import { mergeSite, siteTableEdits, updateSite, type SiteRecord } from '../../src/settings/sites.ts';
import { loadSettings, updateSettings } from '../../src/settings/store.ts';
import { toggleGuard } from '../../src/ui/guard-toggle.ts';
import { fakeLocks, installLocks } from '../helpers/locks.ts';
import { pageItems, photo, testPanel } from '../helpers/panel.ts';

beforeEach(() => fakeBrowser.reset());

/** okx.com as the person set it up: asks, clean copies only, a Chinese purpose line. */
const FULL: SiteRecord = { rule: 'ask', copy: 'clean', purposeLang: 'zh_CN', purpose: '仅用于OKX身份认证' };

async function seeded(): Promise<ReturnType<typeof pageItems>> {
  const items = pageItems();
  await updateSettings((s) => void (s.sites['okx.com'] = { ...FULL }), items.settings);
  return items;
}

const okx = async (items: ReturnType<typeof pageItems>) => (await loadSettings(items.settings)).sites['okx.com'];

/** Each page action, and the fields it may change. */
const ACTIONS: [name: string, touches: (keyof SiteRecord)[], act: () => Promise<unknown>][] = [
  [
    'stamping page / popup / prompt: edited purpose, then a stamped save',
    ['purpose'],
    async () => {
      const { panel } = await testPanel();
      await panel.setSiteCopy('clean'); // as it is: this action is about the purpose
      panel.setFiles([photo()]);
      panel.setPurpose('Only for OKX, December');
      await panel.saveEach('stamp', () => undefined);
    },
  ],
  ['stamping page / popup / prompt: purpose language', ['purposeLang', 'purpose'], async () => (await testPanel()).panel.setPurposeLang('en')],
  ['prompt: the site’s rule', ['rule'], async () => (await testPanel()).panel.setSiteRule('always')],
  ['prompt: copy clean / stamped', ['copy'], async () => (await testPanel()).panel.setSiteCopy('stamped')],
  ['popup: guard toggle', ['rule'], async () => toggleGuard('asks-every', 'okx.com', pageItems().settings)],
  ['settings page: rule column', ['rule'], async () => updateSite('okx.com', siteTableEdits.rule('never'), pageItems().settings)],
  ['settings page: clean-only column', ['copy'], async () => updateSite('okx.com', siteTableEdits.cleanOnly(false), pageItems().settings)],
  ['settings page: purpose column', ['purpose'], async () => updateSite('okx.com', siteTableEdits.purpose('Only for OKX'), pageItems().settings)],
  ['settings page: language column', ['purposeLang'], async () => updateSite('okx.com', siteTableEdits.purposeLang('ja'), pageItems().settings)],
];

describe('a site’s record keeps what an action did not touch', () => {
  it.each(ACTIONS)('%s', async (_name, touches, act) => {
    const items = await seeded();
    await act();
    const after = await okx(items);
    expect(after, 'the record is still there').toBeDefined();
    for (const k of Object.keys(FULL) as (keyof SiteRecord)[]) if (!touches.includes(k)) expect(after![k], k).toEqual(FULL[k]);
    // …and the action did change something.
    expect(after).not.toEqual(FULL);
  });

  it('a site stamped from the stamping page still gets clean copies afterwards (the reported bug)', async () => {
    const items = await seeded();
    const { panel } = await testPanel();
    expect(panel.mode).toBe('clean');
    panel.setFiles([photo()]);
    panel.setPurpose('Only for OKX, passport');
    await panel.saveEach('stamp', () => undefined);
    await panel.setPurposeLang('zh_TW');
    expect(await okx(items)).toEqual({ rule: 'ask', copy: 'clean', purposeLang: 'zh_TW' });
    expect((await testPanel()).panel.mode).toBe('clean');
  });

  it('merges: a patch’s undefined removes a field; a new site starts as "ask"', () => {
    expect(mergeSite(FULL, { purpose: undefined })).toEqual({ rule: 'ask', copy: 'clean', purposeLang: 'zh_CN' });
    expect(mergeSite(undefined, { copy: 'clean' })).toEqual({ rule: 'ask', copy: 'clean' });
  });

  it('no site: nothing is written', async () => {
    const items = pageItems();
    await updateSite('', { rule: 'never' }, items.settings);
    expect((await loadSettings(items.settings)).sites).toEqual({});
  });
});

describe('two pages writing settings at once', () => {
  let undo: () => void = () => undefined;
  // One lock manager for every page of the extension's origin, as the browser gives navigator.locks.
  beforeEach(() => void (undo = installLocks(fakeLocks())));
  afterEach(() => undo());

  /** Each page has its own storage item object (so its own in-page queue), on one storage. */
  const race = async (a: (s: Settings) => void, b: (s: Settings) => void) => {
    const popup = pageItems();
    const options = pageItems();
    await Promise.all([updateSettings(a, popup.settings), updateSettings(b, options.settings)]);
    return loadSettings(popup.settings);
  };

  it('the popup remembering a site while the settings page saves the preset: both kept', async () => {
    const s = await race(
      (x) => void (x.sites['okx.com'] = mergeSite(x.sites['okx.com'], { purpose: 'mine' })),
      (x) => void (x.preset = 'strict'),
    );
    expect(s.preset).toBe('strict');
    expect(s.sites['okx.com']?.purpose).toBe('mine');
  });

  it('two pages changing two fields of one site: both kept', async () => {
    await seeded();
    const a = pageItems();
    const b = pageItems();
    await Promise.all([updateSite('okx.com', { rule: 'never' }, a.settings), updateSite('okx.com', { copy: 'stamped' }, b.settings), updateSite('binance.com', { copy: 'clean' }, b.settings)]);
    const s = await loadSettings(a.settings);
    expect(s.sites['okx.com']).toEqual({ ...FULL, rule: 'never', copy: 'stamped' });
    expect(s.sites['binance.com']).toEqual({ rule: 'ask', copy: 'clean' });
  });

  it('a page the browser denies the lock (the prompt framed in a web page) still saves', async () => {
    undo();
    undo = installLocks({ request: () => Promise.reject(new DOMException('The request was denied.', 'SecurityError')) });
    const items = pageItems();
    await updateSite('okx.com', { rule: 'never' }, items.settings);
    expect((await loadSettings(items.settings)).sites['okx.com']).toEqual({ rule: 'never' });
  });

  it('ten pages at once: every change kept', async () => {
    const pages = Array.from({ length: 10 }, () => pageItems());
    await Promise.all(pages.map((p, i) => updateSite(`site${i}.com`, { rule: 'never' }, p.settings)));
    expect(Object.keys((await loadSettings(pages[0]!.settings)).sites)).toHaveLength(10);
  });
});
