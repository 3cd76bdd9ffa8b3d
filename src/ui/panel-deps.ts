// The panel model's browser side: the real stamp, crypto randomness, the clock, the MRZ reader,
// the photo check, the password dialog and the device's trace key.
import { stamp } from '../core/pipeline.ts';
import { readMrz } from '../core/mrz/read.ts';
import { qualityOf } from '../core/quality/measure.ts';
import { historyItem } from '../history/history.ts';
import { traceKey } from '../history/trace-key.ts';
import { uiLang } from '../i18n/t.ts';
import type { PanelDeps } from '../panel/model.ts';
import { settingsItem, type RawItem } from '../settings/store.ts';
import { askPassword } from './password.ts';

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const random = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

export function browserPanelDeps(o: { settings?: RawItem; history?: RawItem; now?: () => Date } = {}): PanelDeps {
  return {
    settings: o.settings ?? settingsItem,
    history: o.history ?? historyItem,
    stamp,
    now: o.now ?? (() => new Date()),
    random,
    randomBytes,
    lang: uiLang(),
    askPassword,
    readMrz,
    quality: qualityOf,
    traceKey: () => traceKey(),
  };
}
