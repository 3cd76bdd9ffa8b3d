// The MRZ reader in the built extension's page (worker, lazy load), on the shared synthetic
// documents: TD1/TD2/TD3; valid, expired, expiring in two weeks, wrong check digit; flat scans
// and tilted photos on busy and dark backgrounds. Each is read, stamped (with the read-again
// step), and the stamped copy read again. Prints the table of read rates.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { launchWithExtension, openStampPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import type { MrzReading } from '../../src/core/mrz/read.ts';
import type { StampReport } from '../../src/core/report.ts';
import { CASES_DAY, makeCase, type Case, type Scene, type Validity } from './cases.ts';

const PER = Number(process.env.MRZ_CASES ?? 1);
const FORMATS = ['TD3', 'TD2', 'TD1'] as const;
const VALIDITY: Validity[] = ['valid', 'expired', 'soon', 'wrong-check'];
const SCENES: Scene[] = ['flat', 'busy', 'dark'];
const EXPECTED_EXPIRY: Record<Validity, MrzReading['expiry']> = { valid: 'valid', expired: 'expired', soon: 'soon', 'wrong-check': 'valid' };

let browser: ExtensionBrowser;
let page: Page;
const today = CASES_DAY;
const rows: { c: Case; before: MrzReading; after: MrzReading; report?: StampReport }[] = [];

const read = (b64: string, name: string): Promise<MrzReading> =>
  page.evaluate(([b, n, d]) => window.idstamp!.readMrz(new File([window.idstamp!.fromBase64(b) as BlobPart], n), new Date(d)), [b64, name, today.toISOString()] as const);

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await openStampPage(browser);
  for (const format of FORMATS)
    for (const validity of VALIDITY)
      for (const scene of SCENES)
        for (let i = 0; i < PER; i++) {
          const c = await makeCase(format, validity, scene, i, today);
          const b64 = c.jpeg.toString('base64');
          const before = await read(b64, `${c.name}.jpg`);
          const stamped = await page.evaluate(([n, b, d]) => window.idstamp!.stampBase64(n, b, { watermark: { site: 'okx.com' } }, true, d), [`${c.name}.jpg`, b64, today.toISOString()] as const);
          if (!stamped.ok) throw new Error(`${c.name}: ${stamped.error.message}`);
          rows.push({ c, before, after: await read(stamped.base64, `${c.name}.jpg`), report: stamped.report });
          console.log(`${c.name}: before ${before.valid} ${before.ms.total.toFixed(0)} ms, restamped ${stamped.report.mrz?.restamped ?? '-'}`);
        }
}, 1_800_000);
afterAll(() => browser?.close());

/** The fields a person compares with what they type, exactly as printed. */
function fieldsRight(r: MrzReading, c: Case): boolean {
  const f = r.fields;
  if (!f) return false;
  const name = (s: string) =>
    s
      .toUpperCase()
      .replace(/[^A-Z]+/g, ' ')
      .trim();
  const yymmdd = (iso?: string) => iso?.slice(2).replace(/-/g, '');
  return (
    f.surname === name(c.fields.surname) &&
    f.givenNames === name(c.fields.givenNames) &&
    f.documentNumber === c.fields.number &&
    f.issuingState === c.fields.issuer.replace(/</g, '') &&
    yymmdd(f.expiryDate) === c.fields.expiry &&
    yymmdd(f.birthDate) === c.fields.birth
  );
}
/** Fields reported as certain (not in `uncertain`) that are not what is printed. */
function wrongButCertain(r: MrzReading, c: Case): string[] {
  const f = r.fields;
  if (!f) return [];
  const name = (s: string) =>
    s
      .toUpperCase()
      .replace(/[^A-Z]+/g, ' ')
      .trim();
  const yymmdd = (iso?: string) => iso?.slice(2).replace(/-/g, '');
  const right: Record<string, boolean> = {
    surname: f.surname === name(c.fields.surname),
    givenNames: f.givenNames === name(c.fields.givenNames),
    issuingState: f.issuingState === c.fields.issuer.replace(/</g, ''),
    nationality: f.nationality === c.fields.nationality,
    documentNumber: f.documentNumber === c.fields.number,
    birthDate: yymmdd(f.birthDate) === c.fields.birth,
    expiryDate: yymmdd(f.expiryDate) === c.fields.expiry,
  };
  return Object.keys(right).filter((k) => !right[k] && !r.uncertain.includes(k as never));
}
/** A wrong check digit must be reported as such; every other document must pass its checks. */
const checksRight = (r: MrzReading, c: Case) => (c.validity === 'wrong-check' ? !r.valid && r.failed.includes('documentNumber') : r.valid);

describe('MRZ reading in the extension page', () => {
  it('prints the table', () => {
    const line = (label: string, sel: (x: (typeof rows)[number]) => boolean) => {
      const cells = FORMATS.flatMap((f) =>
        SCENES.map((s) => {
          const mine = rows.filter((r) => r.c.format === f && r.c.scene === s);
          return `${mine.filter(sel).length}/${mine.length}`.padStart(7);
        }),
      );
      return `${label.padEnd(26)}${cells.join('')}`;
    };
    const head = `${''.padEnd(26)}${FORMATS.flatMap((f) => SCENES.map((s) => `${f} ${s}`.padStart(7).slice(-7))).join('')}`;
    console.log(
      `\nMRZ read rates (${rows.length} documents; columns: format × scene)\n${head}\n` +
        [
          line('fields right, original', (r) => fieldsRight(r.before, r.c)),
          line('checks right, original', (r) => checksRight(r.before, r.c)),
          line('expiry right, original', (r) => r.before.expiry === EXPECTED_EXPIRY[r.c.validity]),
          line('fields right, stamped', (r) => fieldsRight(r.after, r.c)),
          line('all fields certain, original', (r) => r.before.found && r.before.uncertain.length === 0),
          line('no wrong field certain', (r) => wrongButCertain(r.before, r.c).length === 0 && wrongButCertain(r.after, r.c).length === 0),
          line('checks right, stamped', (r) => checksRight(r.after, r.c)),
        ].join('\n') +
        `\nread time in the worker (ms): median ${median(rows.map((r) => r.before.ms.read)).toFixed(0)}, max ${Math.max(...rows.map((r) => r.before.ms.read)).toFixed(0)}`,
    );
    for (const r of rows.filter((r) => !fieldsRight(r.before, r.c) || !fieldsRight(r.after, r.c)))
      console.log(`missed: ${r.c.name} before=${fieldsRight(r.before, r.c)} after=${fieldsRight(r.after, r.c)}`);
  });

  it('reads the fields right in at least 95 % of the original documents and of the stamped copies', () => {
    const before = rows.filter((r) => fieldsRight(r.before, r.c) && checksRight(r.before, r.c)).length / rows.length;
    const after = rows.filter((r) => fieldsRight(r.after, r.c) && checksRight(r.after, r.c)).length / rows.length;
    expect(before).toBeGreaterThanOrEqual(0.95);
    expect(after).toBeGreaterThanOrEqual(0.95);
  });

  it('gets the expiry warning right on every document whose expiry date it reads reliably', () => {
    // A date whose own check digit fails, or read unsure, is not trusted: its status is unknown.
    for (const r of rows.filter((r) => r.before.found && !r.before.failed.includes('expiryDate') && !r.before.uncertain.includes('expiryDate')))
      expect(r.before.expiry, r.c.name).toBe(EXPECTED_EXPIRY[r.c.validity]);
  });

  it('never reports a field it read wrong as certain, in the original or the stamped copy', () => {
    for (const r of rows) expect([...wrongButCertain(r.before, r.c), ...wrongButCertain(r.after, r.c)], r.c.name).toEqual([]);
  });

  it('reads a 12 MP phone photo decoded at half its side, upright whether its pixels are or its EXIF turns them a quarter', async () => {
    // One of the table's photographs (2000 px) at a phone's size, and the same stored a quarter
    // turn round with EXIF orientation 6 (as phones save portrait shots): the reader needs 2000
    // px, so the JPEG decoder shrinks it by half (mrz.worker.ts); drawn, the frame is upright.
    const c = await makeCase('TD3', 'valid', 'busy', 0, today);
    const photo = await sharp(c.jpeg).resize(4032, 3024, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer();
    const turned = await sharp(photo).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
    // Upside down (orientation 3) a frame's size cannot show the turn was applied: decoded whole.
    const upsideDown = await sharp(photo).rotate(180).withMetadata({ orientation: 3 }).jpeg({ quality: 92 }).toBuffer();
    for (const [name, jpeg, decoded] of [
      ['photo.jpg', photo, { width: 2016, height: 1512 }],
      ['turned.jpg', turned, { width: 2016, height: 1512 }],
      ['upside-down.jpg', upsideDown, { width: 4032, height: 3024 }],
    ] as const) {
      const r = await read(jpeg.toString('base64'), name);
      expect(r.decoded, name).toEqual(decoded);
      expect(fieldsRight(r, c) && r.valid, name).toBe(true);
    }
  });

  it('reports before/after readability in the stamp report, and the stamped copy still reads', () => {
    for (const r of rows.filter((r) => r.before.valid)) {
      expect(r.report?.mrz, r.c.name).toMatchObject({ found: true, valid: true, expiry: EXPECTED_EXPIRY[r.c.validity] });
      expect(r.report?.mrz?.after?.valid, r.c.name).toBe(r.after.valid);
    }
  });
});

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
