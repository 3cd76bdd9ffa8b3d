// The welcome page's content. The sample is stamped by the real pipeline, on a specimen card
// drawn here, so what a new user sees is exactly what IDStamp does to a photo.
import { stamp } from '../core/pipeline.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t, uiLang } from '../i18n/t.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema.ts';
import { loadSettings, settingsItem, updateSettings, type RawItem } from '../settings/store.ts';
import { stampOptionsFor } from '../settings/to-options.ts';
import { h } from './dom.ts';

export interface WelcomeActions {
  openStamper: () => void;
  openSettings: () => void;
}

/** A specimen ID card (no real data), as a phone would photograph it on a desk. */
async function specimen(): Promise<File> {
  const c = new OffscreenCanvas(960, 620);
  const g = c.getContext('2d')!;
  g.fillStyle = '#9aa5b1';
  g.fillRect(0, 0, 960, 620);
  g.fillStyle = '#eef3f8';
  g.beginPath();
  g.roundRect(60, 50, 840, 520, 28);
  g.fill();
  g.fillStyle = '#1f4e8c';
  g.fillRect(60, 50, 840, 70);
  g.fillStyle = '#fff';
  g.font = '600 34px sans-serif';
  g.fillText('IDENTITY CARD · SPECIMEN', 90, 98);
  g.fillStyle = '#c5ccd6';
  g.fillRect(90, 150, 210, 260);
  g.fillStyle = '#1f2328';
  g.font = '26px sans-serif';
  ['SURNAME  SAMPLE', 'GIVEN NAMES  ALEX', 'BORN  01 01 1990', 'NUMBER  X0000000'].forEach((s, i) => g.fillText(s, 340, 190 + i * 52));
  g.font = '30px monospace';
  g.fillText('IDXXXX0000000<<<<<<<<<<<<<<<', 90, 480);
  g.fillText('SAMPLE<<ALEX<<<<<<<<<<<<<<<<', 90, 525);
  const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new File([blob], 'specimen.jpg', { type: 'image/jpeg' });
}

async function sample(settings: Settings): Promise<HTMLElement> {
  const fig = h('div', { class: 'sample' });
  try {
    const before = await specimen();
    const { file } = await stamp(before, stampOptionsFor(settings, { site: 'example.com', mode: 'stamp', lang: uiLang(), now: new Date() }));
    const img = (f: Blob, caption: MessageKey) =>
      h('figure', null, h('img', { src: URL.createObjectURL(f), alt: t(caption) }), h('figcaption', null, t(caption)));
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
    ...([['verification', 'guardVerification'], ['everywhere', 'guardEverywhere'], ['off', 'guardOff']] as const).map(([v, k]) => h('option', { value: v }, t(k))),
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
    h(
      'section',
      { 'aria-labelledby': 'w-guard' },
      h('h2', { id: 'w-guard' }, t('secGuard')),
      h('p', null, t('welcomeGuard')),
      h('label', { for: 'guard-mode' }, t('guardModeLabel')),
      mode,
    ),
    h(
      'section',
      { 'aria-labelledby': 'w-perms' },
      h('h2', { id: 'w-perms' }, t('welcomePerms')),
      h('table', { id: 'permissions' }, h('tbody', null, ...PERMISSIONS.map(([name, why]) => h('tr', null, h('th', { scope: 'row' }, h('code', null, name)), h('td', null, t(why)))))),
    ),
    h(
      'section',
      { 'aria-labelledby': 'w-lang' },
      h('h2', { id: 'w-lang' }, t('welcomeLang')),
      h('p', null, t('welcomeLangNow')),
    ),
    h(
      'div',
      { class: 'actions welcome-actions' },
      h('button', { type: 'button', id: 'w-start', class: 'primary', on: { click: actions.openStamper } }, t('welcomeStart')),
      h('button', { type: 'button', id: 'w-settings', class: 'secondary', on: { click: actions.openSettings } }, t('settings')),
    ),
  );
}
