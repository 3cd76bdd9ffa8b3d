// The popup's line about the upload guard on the current site, with a one-click switch. The
// switch writes the site rule ("never" / "ask") or, when the guard is off everywhere, its mode.
import type { MessageKey } from '../i18n/messages.ts';
import { t } from '../i18n/t.ts';
import type { Settings } from '../settings/schema.ts';
import { updateSite } from '../settings/sites.ts';
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

/** The switch: the guard's mode when it is off everywhere, else this site's rule (merged). */
export function toggleGuard(state: GuardState, site: string, store: RawItem = settingsItem): Promise<Settings> {
  if (state === 'off-everywhere') return updateSettings((s) => void (s.guard.mode = 'verification'), store);
  return updateSite(site, { rule: state === 'off-here' ? 'ask' : 'never' }, store);
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
        h('button', { type: 'button', id: 'guard-toggle', class: 'link', on: { click: () => void toggleGuard(state, site, store).then(render) } }, t(action)),
      ),
    );
  };
  render(await loadSettings(store));
  watchSettings(render, store);
}
