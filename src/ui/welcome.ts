// The welcome page's content. The sample is stamped by the real pipeline, on a specimen card
// (./specimen.ts), so what a new user sees is exactly what IDStamp does to a photo.
import type { MessageKey } from '../i18n/messages.ts';
import { t, uiLang } from '../i18n/t.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema.ts';
import { loadSettings, settingsItem, updateSettings, type RawItem } from '../settings/store.ts';
import { h } from './dom.ts';
import { stampSpecimen } from './specimen.ts';

export interface WelcomeActions {
  openStamper: () => void;
  openSettings: () => void;
}

async function sample(settings: Settings): Promise<HTMLElement> {
  const fig = h('div', { class: 'sample' });
  try {
    const { before, after: file } = await stampSpecimen(settings, uiLang());
    const img = (f: Blob, caption: MessageKey) => h('figure', null, h('img', { src: URL.createObjectURL(f), alt: t(caption) }), h('figcaption', null, t(caption)));
    fig.append(img(before, 'welcomeBefore'), img(file, 'welcomeAfter'));
  } catch {
    // The sample is an illustration; the page works without it.
  }
  return fig;
}

const PERMISSIONS: [name: string, why: MessageKey][] = [
  ['storage', 'welcomePermStorage'],
  ['activeTab', 'welcomePermActiveTab'],
  ['<all_urls>', 'welcomePermPages'],
];

export async function mountWelcome(root: HTMLElement, actions: WelcomeActions, store: RawItem = settingsItem): Promise<void> {
  const settings = await loadSettings(store).catch(() => DEFAULT_SETTINGS);
  const mode = h(
    'select',
    { id: 'guard-mode', on: { change: () => void updateSettings((s) => void (s.guard.mode = mode.value as Settings['guard']['mode']), store) } },
    ...(
      [
        ['verification', 'guardVerification'],
        ['everywhere', 'guardEverywhere'],
        ['off', 'guardOff'],
      ] as const
    ).map(([v, k]) => h('option', { value: v }, t(k))),
  );
  mode.value = settings.guard.mode;
  root.replaceChildren(
    h('p', { class: 'tagline' }, `${t('tagline')} ${t('nothingLeaves')}`),
    h(
      'section',
      { 'aria-labelledby': 'w-what' },
      h('h2', { id: 'w-what' }, t('welcomeWhat')),
      h('ul', null, h('li', null, t('welcomeWatermark')), h('li', null, t('welcomeMetadata')), h('li', null, t('welcomeLocal'))),
      await sample(settings),
    ),
    h('section', { 'aria-labelledby': 'w-guard' }, h('h2', { id: 'w-guard' }, t('secGuard')), h('p', null, t('welcomeGuard')), h('label', { for: 'guard-mode' }, t('guardModeLabel')), mode),
    h(
      'section',
      { 'aria-labelledby': 'w-perms' },
      h('h2', { id: 'w-perms' }, t('welcomePerms')),
      h('table', { id: 'permissions' }, h('tbody', null, ...PERMISSIONS.map(([name, why]) => h('tr', null, h('th', { scope: 'row' }, h('code', null, name)), h('td', null, t(why)))))),
    ),
    h('section', { 'aria-labelledby': 'w-lang' }, h('h2', { id: 'w-lang' }, t('welcomeLang')), h('p', null, t('welcomeLangNow'))),
    h(
      'div',
      { class: 'actions welcome-actions' },
      h('button', { type: 'button', id: 'w-start', class: 'primary', on: { click: actions.openStamper } }, t('welcomeStart')),
      h('button', { type: 'button', id: 'w-settings', class: 'secondary', on: { click: actions.openSettings } }, t('settings')),
    ),
  );
}
