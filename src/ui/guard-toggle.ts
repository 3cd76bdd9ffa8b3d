// The popup's line about the upload guard on the current site, with a one-click switch. The
// switch writes the site rule ("never" / "ask") or, when the guard is off everywhere, its mode.
import type { MessageKey } from '../i18n/messages.ts';
import { t } from '../i18n/t.ts';
import type { Settings } from '../settings/schema.ts';
import { loadSettings, settingsItem, updateSettings, watchSettings, type RawItem } from '../settings/store.ts';
import { h } from './dom.ts';

export type GuardState = 'off-everywhere' | 'off-here' | 'always-here' | 'asks-every' | 'asks-verification';

export function guardState(s: Settings, site: string): GuardState {
  if (s.guard.mode === 'off') return 'off-everywhere';
  const rule = s.sites[site]?.rule;
  if (rule === 'never') return 'off-here';
  if (rule === 'always') return 'always-here';
  // A site rule of "ask" asks on every upload there, verification page or not (settings-lite).
  if (rule === 'ask') return 'asks-every';
  return s.guard.mode === 'everywhere' ? 'asks-every' : 'asks-verification';
}

const TEXT: Record<GuardState, [state: MessageKey, action: MessageKey]> = {
  'off-everywhere': ['guardStateOffAll', 'guardTurnOn'],
  'off-here': ['guardStateOffHere', 'guardTurnOnHere'],
  'always-here': ['guardStateAlways', 'guardTurnOffHere'],
  'asks-every': ['guardStateEvery', 'guardTurnOffHere'],
  'asks-verification': ['guardStateVerification', 'guardTurnOffHere'],
};

function toggle(state: GuardState, site: string): (s: Settings) => void {
  if (state === 'off-everywhere') return (s) => void (s.guard.mode = 'verification');
  if (state === 'off-here') return (s) => void (s.sites[site] = { ...s.sites[site], rule: 'ask' });
  return (s) => void (s.sites[site] = { ...s.sites[site], rule: 'never' });
}

export async function mountGuardToggle(root: HTMLElement, site: string, store: RawItem = settingsItem): Promise<void> {
  if (!site) return;
  const render = (s: Settings) => {
    const state = guardState(s, site);
    const [text, action] = TEXT[state];
    root.replaceChildren(
      h(
        'p',
        { class: `guard-state ${state.startsWith('off') ? 'off' : 'on'}`, id: 'guard-state', dataset: { state } },
        h('span', null, t(text, { site })),
        ' ',
        h('button', { type: 'button', id: 'guard-toggle', class: 'link', on: { click: () => void updateSettings(toggle(state, site), store).then(render) } }, t(action)),
      ),
    );
  };
  render(await loadSettings(store));
  watchSettings(render, store);
}
