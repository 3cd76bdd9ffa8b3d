// The background's part of the upload guard. A prompt may work only on a job that our content
// script registered here: the page can neither reach this state nor forge the sender details
// the browser attaches to a message (tab, frame, address). Tokens are one-time and short-lived;
// jobs live in storage.session so a service worker restart loses nothing.
import type { FailReason, GuardMessage, PromptJob, RedeemedJob } from '../protocol.ts';

/** The parts of the browser API the broker uses (wxt/browser in the extension, fakes in tests). */
export interface BrokerBrowser {
  runtime: { getURL(path: string): string; id: string };
  storage: { session: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } };
  tabs: { sendMessage(tabId: number, msg: unknown, opts: { frameId: number }): Promise<unknown>; get(tabId: number): Promise<{ url?: string }> };
  windows: {
    create(o: { url: string; type: 'popup'; width: number; height: number; focused: boolean }): Promise<{ id?: number; tabs?: { id?: number }[] }>;
    remove(id: number): Promise<void>;
    onRemoved: { addListener(cb: (id: number) => void): void };
  };
  action: { setBadgeText(o: { text: string }): Promise<void> | void; setBadgeBackgroundColor(o: { color: string }): Promise<void> | void };
}

export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

interface Job extends PromptJob {
  tabId: number;
  frameId: number;
  created: number;
  redeemed: boolean;
  windowId?: number;
  windowTabId?: number;
}

/** A prompt has this long to redeem its token. */
const REDEEM_MS = 60_000;
const KEY = 'guardJobs';
/** A prompt window's confirmation stays at most this long. */
const LINGER_MAX_MS = 12_000;
export const NOTICE_KEY = 'guardNotice';

const web = (u: string | undefined) => (u && /^https?:/.test(u) ? u : '');
const originOf = (u: string) => (u ? new URL(u).origin : '');

export function startBroker(b: BrokerBrowser): (msg: GuardMessage, sender: Sender) => Promise<unknown> | undefined {
  const load = async (): Promise<Record<string, Job>> => ((await b.storage.session.get(KEY))[KEY] as Record<string, Job> | undefined) ?? {};
  const save = (jobs: Record<string, Job>) => b.storage.session.set({ [KEY]: jobs });
  let queue: Promise<unknown> = Promise.resolve();
  /** Read-modify-write, one at a time. */
  const update = <T>(fn: (jobs: Record<string, Job>) => T): Promise<T> => {
    const run = queue.then(async () => {
      const jobs = await load();
      const now = Date.now();
      for (const [k, j] of Object.entries(jobs)) if (!j.windowId && now - j.created > 60 * 60_000) delete jobs[k];
      const r = fn(jobs);
      await save(jobs);
      return r;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const promptPage = b.runtime.getURL('/prompt.html');
  const fromOurPrompt = (s: Sender) => s.id === b.runtime.id && !!s.url && new URL(s.url).pathname === '/prompt.html';

  // The badge is on the button in every tab: the person may already have moved on.
  const notify = async (reason: FailReason, site: string) => {
    await b.storage.session.set({ [NOTICE_KEY]: { reason, site, time: Date.now() } });
    await b.action.setBadgeBackgroundColor({ color: '#c62828' });
    await b.action.setBadgeText({ text: '!' });
  };

  b.windows.onRemoved.addListener((windowId) => {
    void update((jobs) => {
      for (const [token, j] of Object.entries(jobs))
        if (j.windowId === windowId) {
          delete jobs[token];
          // Closing the window is Cancel (if it already answered, the content script ignores this).
          void b.tabs.sendMessage(j.tabId, { t: 'guard:answer', token, answer: { type: 'cancel' } }, { frameId: j.frameId }).catch(() => undefined);
        }
    });
  });

  return (msg, sender) => {
    if (!msg || typeof msg !== 'object' || sender.id !== b.runtime.id) return undefined;
    switch (msg.t) {
      case 'guard:register': {
        const tabId = sender.tab?.id;
        if (tabId === undefined || sender.frameId === undefined || fromOurPrompt(sender)) return Promise.resolve({ error: 'no tab' });
        return (async () => {
          const tabUrl = web(sender.tab?.url) || web((await b.tabs.get(tabId).catch(() => ({}) as { url?: string })).url);
          // The address is the browser's, not the message's: the frame's own, else (data:, blob:,
          // srcdoc frames) its origin, else the tab's.
          const url = web(sender.url) || web(sender.origin) || tabUrl || msg.job.page.url;
          const topOrigin = sender.frameId === 0 ? '' : originOf(tabUrl) || msg.job.page.topOrigin;
          const token = crypto.randomUUID();
          await update((jobs) => void (jobs[token] = { ...msg.job, page: { ...msg.job.page, url, topOrigin }, tabId, frameId: sender.frameId!, created: Date.now(), redeemed: false }));
          return { token };
        })();
      }
      case 'guard:redeem':
        if (!fromOurPrompt(sender)) return Promise.resolve(null);
        return update((jobs): RedeemedJob | null => {
          const j = jobs[msg.token];
          const tab = sender.tab?.id;
          if (!j || j.redeemed || Date.now() - j.created > REDEEM_MS) return null;
          const inWindow = j.windowTabId !== undefined;
          // A framed prompt must sit in the tab that asked; a window prompt in the window opened for it.
          if (inWindow ? tab !== j.windowTabId : tab !== j.tabId || sender.frameId === 0) return null;
          j.redeemed = true;
          const { mode, page, accept, maxBytes, declinesWatermarks, tabId, frameId } = j;
          return { mode, page, accept, ...(maxBytes ? { maxBytes } : {}), ...(declinesWatermarks ? { declinesWatermarks } : {}), tabId, frameId, inWindow };
        });
      case 'guard:window':
        return (async () => {
          const j = (await load())[msg.token];
          if (!j || sender.tab?.id !== j.tabId || sender.frameId !== j.frameId) return { ok: false };
          const win = await b.windows.create({ url: `${promptPage}#${msg.token}`, type: 'popup', width: 560, height: 720, focused: true }).catch(() => undefined);
          const windowTabId = win?.tabs?.[0]?.id;
          if (win?.id === undefined || windowTabId === undefined) return { ok: false };
          await update((jobs) => {
            const k = jobs[msg.token];
            if (k) Object.assign(k, { windowId: win.id, windowTabId, redeemed: false, created: Date.now() });
          });
          return { ok: true };
        })();
      case 'guard:done':
        return update((jobs) => {
          const j = jobs[msg.token];
          if (!j || (sender.tab?.id !== j.tabId && sender.tab?.id !== j.windowTabId)) return false;
          delete jobs[msg.token];
          // A window showing its confirmation closes itself; removed here only if it does not.
          const remove = () => void b.windows.remove(j.windowId!).catch(() => undefined);
          if (j.windowId !== undefined) msg.linger ? setTimeout(remove, LINGER_MAX_MS) : remove();
          return true;
        });
      case 'guard:failed': {
        const site = web(sender.tab?.url) ? new URL(sender.tab!.url!).hostname : web(sender.url) ? new URL(sender.url!).hostname : '';
        return notify(msg.reason, site).then(() => true);
      }
      default:
        return undefined;
    }
  };
}
