// Stored settings → valid Settings, whatever is stored: current, older (migrated), partial,
// damaged or foreign values never crash a page; what cannot be kept falls back to defaults,
// section by section, so one bad field does not wipe the rest.
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, type Settings } from './schema.ts';

/**
 * Migrations from version N to N+1, keyed by N. A change to the schema that renames or reshapes
 * a field adds one here and a fixture in tests/fixtures/settings/.
 */
export const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: version 1 always followed the browser's language, for the pages and the purpose line;
  // say so explicitly (a stray `language` value from elsewhere is replaced).
  1: (old) => ({ ...old, language: { ui: 'auto', purpose: 'ui' } }),
  // 2 → 3: sites gained an optional `copy`; a version-2 site without one keeps getting stamped
  // copies, so nothing is reshaped (a stray value is dropped, not trusted).
  2: (old) => ({ ...old, sites: stripCopy(old.sites) }),
};

function stripCopy(sites: unknown): unknown {
  if (!isObject(sites)) return sites;
  return Object.fromEntries(Object.entries(sites).map(([k, v]) => [k, isObject(v) ? (({ copy: _, ...rest }) => rest)(v) : v]));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let value = raw;
  let version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    value = step ? step(value) : value;
    version++;
  }
  return { ...value, schemaVersion: SETTINGS_VERSION };
}

export function parseSettings(raw: unknown): Settings {
  if (!isObject(raw)) return DEFAULT_SETTINGS;
  // A newer version (written by a newer IDStamp, then downgraded) is read as far as it fits.
  const migrated = migrate(raw);
  const whole = SettingsSchema.safeParse(migrated);
  if (whole.success) return whole.data;
  // Keep every section that is valid on its own.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const one = SettingsSchema.pick({ [key]: true } as Record<keyof Settings, true>).safeParse({ [key]: migrated[key] });
    if (one.success) out[key] = (one.data as Record<string, unknown>)[key];
  }
  return SettingsSchema.parse(out);
}
