// The few settings the content script needs, read from storage without zod (it must stay
// tiny). Anything odd reads as the default, exactly as the full schema would.

export interface GuardSettings {
  mode: 'verification' | 'everywhere' | 'off';
  silentStrip: boolean;
  /** Registrable domain → always / ask / never. */
  rules: Record<string, 'always' | 'ask' | 'never'>;
}

export const GUARD_DEFAULTS: GuardSettings = { mode: 'verification', silentStrip: false, rules: {} };

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function guardSettings(raw: unknown): GuardSettings {
  const s = obj(raw);
  const guard = obj(s.guard);
  const mode = guard.mode === 'everywhere' || guard.mode === 'off' ? guard.mode : 'verification';
  const rules: GuardSettings['rules'] = {};
  for (const [site, v] of Object.entries(obj(s.sites))) {
    const rule = obj(v).rule;
    if (rule === 'always' || rule === 'ask' || rule === 'never') rules[site] = rule;
  }
  return { mode, silentStrip: guard.silentStrip === true, rules };
}

/** The rule for a host: its own or a parent domain's (rules are keyed by registrable domain). */
export function ruleFor(host: string, rules: GuardSettings['rules']): 'always' | 'ask' | 'never' | undefined {
  const parts = host.toLowerCase().split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const r = rules[parts.slice(i).join('.')];
    if (r) return r;
  }
  return rules[host];
}

export type Decision = 'ask' | 'auto' | 'silent' | 'pass';

/**
 * What to do with a chosen file. `isVerification` is only called when it matters (it reads
 * the page). Images only for the silent strip; PDFs and images for the prompt.
 */
export function decide(s: GuardSettings, host: string, isVerification: () => boolean, hasImage: boolean): Decision {
  const rule = ruleFor(host, s.rules);
  const silent = s.silentStrip && hasImage ? 'silent' : 'pass';
  if (rule === 'never') return silent;
  if (rule === 'always') return 'auto';
  if (rule === 'ask' || s.mode === 'everywhere') return 'ask';
  if (s.mode === 'verification' && isVerification()) return 'ask';
  return silent;
}
