import { describe, expect, it } from 'vitest';
import { defaultPurpose, isoDate, renderTemplate, textDirection, traceCode, wrapLine } from '../../src/core/watermark/template.ts';

const fields = { purpose: 'Only for OKX identity verification', site: 'okx.com', date: '2026-11-21', code: '7KQ2-M9XD' };
// A fake monospace measure: every grapheme 10 px, CJK and emoji 20 px.
const measure = (s: string) => [...new Intl.Segmenter().segment(s)].reduce((w, g) => w + (/[\u3000-\u9fff\u{1F300}-\u{1FAFF}]/u.test(g.segment) ? 20 : 10), 0);

describe('template', () => {
  it('fills fields and splits lines', () => {
    expect(renderTemplate('{purpose}\n{date} · {code}', fields)).toEqual(['Only for OKX identity verification', '2026-11-21 · 7KQ2-M9XD']);
    expect(renderTemplate('For {site} only ({unknown})', fields)).toEqual(['For okx.com only ({unknown})']);
  });

  it('leaves no dangling separators or empty lines when a field is empty', () => {
    const empty = { ...fields, site: '', date: '' };
    expect(renderTemplate('{site} · {date} · {code}\n\n{site}', empty)).toEqual(['7KQ2-M9XD']);
    expect(renderTemplate('{purpose} · {date} · {code}', empty)).toEqual(['Only for OKX identity verification · 7KQ2-M9XD']);
  });

  it('has default purposes in English and Chinese, with and without a site', () => {
    expect(defaultPurpose('OKX', 'en')).toBe('Only for OKX identity verification');
    expect(defaultPurpose(' ', 'en')).toBe('Only for identity verification');
    expect(defaultPurpose('OKX', 'zh_CN')).toBe('仅用于OKX身份认证');
    expect(defaultPurpose('', 'zh_CN')).toBe('仅用于身份认证');
  });

  it('formats local dates as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2026, 10, 21, 23, 59))).toBe('2026-11-21');
    expect(isoDate(new Date(2027, 0, 2))).toBe('2027-01-02');
  });

  it('makes readable random trace codes', () => {
    const codes = new Set(Array.from({ length: 200 }, () => traceCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(traceCode((n) => new Uint8Array(n))).toBe('0000-0000');
  });
});

describe('wrapLine', () => {
  it('breaks at spaces within the width', () => {
    const lines = wrapLine('Only for OKX identity verification on 2026-11-21', 200, measure);
    expect(lines).toEqual(['Only for OKX', 'identity', 'verification on', '2026-11-21']);
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(200);
  });

  it('breaks Chinese between characters and never splits an emoji', () => {
    const zh = wrapLine('仅用于欧易交易所身份认证不得用于其他用途👨‍👩‍👧🇨🇳', 100, measure);
    expect(zh.join('')).toBe('仅用于欧易交易所身份认证不得用于其他用途👨‍👩‍👧🇨🇳');
    for (const l of zh) expect(measure(l)).toBeLessThanOrEqual(100);
    expect(zh.some((l) => l.includes('👨‍👩‍👧'))).toBe(true);
  });

  it('handles 200+ characters of mixed scripts', () => {
    const text = 'Only for verification بنك الاختبار 仅用于身份认证 🔒 '.repeat(6);
    expect(text.length).toBeGreaterThan(200);
    const lines = wrapLine(text, 300, measure);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});

describe('textDirection', () => {
  it.each([
    ['للتحقق من الهوية لدى okx.com فقط', 'rtl'],
    ['okx.com فقط', 'ltr'],
    ['2026-11-29 · 7KQ2-M9XD', 'ltr'],
    ['  « שלום »', 'rtl'],
    ['仅用于okx.com身份认证', 'ltr'],
    ['', 'ltr'],
  ] as const)('%s → %s (first strong letter)', (line, dir) => {
    expect(textDirection(line)).toBe(dir);
  });
});
