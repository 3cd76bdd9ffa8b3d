// The guard's broker (background): one-time prompt tokens, bound to the tab that registered
// them and redeemable only by our own prompt page; addresses from the browser, not the message.
import { describe, expect, it, vi } from 'vitest';
import { startBroker, type BrokerBrowser, type Sender } from '../../src/guard/background/broker.ts';
import type { GuardMessage, PromptJob } from '../../src/guard/protocol.ts';

const ID = 'ext-id';
function fake() {
  const session: Record<string, unknown> = {};
  const sent: unknown[] = [];
  const removed: ((id: number) => void)[] = [];
  const badge: string[] = [];
  const closed: number[] = [];
  const b: BrokerBrowser = {
    runtime: { id: ID, getURL: (p) => `chrome-extension://${ID}${p}` },
    storage: { session: { get: async (k) => ({ [k]: structuredClone(session[k]) }), set: async (v) => void Object.assign(session, structuredClone(v)) } },
    tabs: { sendMessage: async (...a) => void sent.push(a), get: async () => ({ url: 'https://www.okx.com/account' }) },
    windows: { create: async () => ({ id: 9, tabs: [{ id: 90 }] }), remove: async (id) => void closed.push(id), onRemoved: { addListener: (cb) => void removed.push(cb) } },
    action: { setBadgeText: (o) => void badge.push(o.text), setBadgeBackgroundColor: () => undefined },
  };
  const handle = startBroker(b);
  const call = (m: GuardMessage, s: Sender) => handle(m, s) as Promise<unknown>;
  return { call, sent, removed, badge, session, closed };
}

const job: PromptJob = { mode: 'auto', page: { url: 'https://evil.example/forged', topOrigin: 'https://forged.example', title: 't', siteName: '', headings: [] }, accept: '' };
const page: Sender = { id: ID, url: 'https://kyc.okx.com/verify', origin: 'https://kyc.okx.com', frameId: 3, tab: { id: 7, url: 'https://www.okx.com/account' } };
const prompt: Sender = { id: ID, url: `chrome-extension://${ID}/prompt.html`, frameId: 4, tab: { id: 7 } };

describe('guard broker', () => {
  it('a registered token is redeemed once, by our prompt in the same tab, with the browser’s addresses', async () => {
    const f = fake();
    const { token } = (await f.call({ t: 'guard:register', job }, page)) as { token: string };
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await f.call({ t: 'guard:redeem', token }, { ...prompt, tab: { id: 8 } })).toBeNull(); // another tab
    expect(await f.call({ t: 'guard:redeem', token }, { ...page })).toBeNull(); // not our prompt page
    expect(await f.call({ t: 'guard:redeem', token: 'guess' }, prompt)).toBeNull();
    const r = (await f.call({ t: 'guard:redeem', token }, prompt)) as { page: { url: string; topOrigin: string }; mode: string; inWindow: boolean };
    expect(r).toMatchObject({ mode: 'auto', inWindow: false, page: { url: 'https://kyc.okx.com/verify', topOrigin: 'https://www.okx.com' } });
    expect(await f.call({ t: 'guard:redeem', token }, prompt)).toBeNull(); // one time only
  });

  it('frames without an address of their own take the tab’s; messages from elsewhere are ignored', async () => {
    const f = fake();
    const { token } = (await f.call({ t: 'guard:register', job }, { ...page, url: 'data:text/html,x', origin: 'null' })) as { token: string };
    expect(((await f.call({ t: 'guard:redeem', token }, prompt)) as { page: { url: string } }).page.url).toBe('https://www.okx.com/account');
    expect(f.call({ t: 'guard:register', job }, { ...page, id: 'other-extension' })).toBeUndefined();
  });

  it('the window: opened only for the frame that registered, redeemed only from that window; closing it is Cancel', async () => {
    const f = fake();
    const { token } = (await f.call({ t: 'guard:register', job }, page)) as { token: string };
    expect(await f.call({ t: 'guard:window', token }, { ...page, frameId: 0 })).toEqual({ ok: false });
    expect(await f.call({ t: 'guard:window', token }, page)).toEqual({ ok: true });
    expect(await f.call({ t: 'guard:redeem', token }, prompt)).toBeNull(); // the in-page frame no longer
    expect(await f.call({ t: 'guard:redeem', token }, { ...prompt, frameId: 0, tab: { id: 90 } })).toMatchObject({ inWindow: true, tabId: 7, frameId: 3 });
    f.removed[0]!(9);
    await new Promise((r) => setTimeout(r, 10));
    expect(f.sent).toEqual([[7, { t: 'guard:answer', token, answer: { type: 'cancel' } }, { frameId: 3 }]]);
  });

  it('a window prompt closes when it is done, or shows its confirmation and closes itself (removed later at the latest)', async () => {
    const f = fake();
    const open = async (j: PromptJob = job) => {
      const { token } = (await f.call({ t: 'guard:register', job: j }, page)) as { token: string };
      await f.call({ t: 'guard:window', token }, page);
      return token;
    };
    await f.call({ t: 'guard:done', token: await open() }, page);
    expect(f.closed).toEqual([9]);
    vi.useFakeTimers();
    try {
      const token = await open({ ...job, declinesWatermarks: true });
      expect(await f.call({ t: 'guard:redeem', token }, { ...prompt, frameId: 0, tab: { id: 90 } })).toMatchObject({ declinesWatermarks: true });
      await f.call({ t: 'guard:done', token, linger: true }, page);
      expect(f.closed).toEqual([9]);
      await vi.advanceTimersByTimeAsync(12_000);
      expect(f.closed).toEqual([9, 9]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failure lights the badge and leaves a notice for the popup', async () => {
    const f = fake();
    await f.call({ t: 'guard:failed', reason: 'removed' }, page);
    expect(f.badge).toEqual(['!']);
    expect(f.session.guardNotice).toMatchObject({ reason: 'removed', site: 'www.okx.com' });
  });
});
