// A copy over its byte budget (a stamped photo that would outgrow 1.3× its input, a PDF page
// over its share) is encoded again a little lower: the highest quality step that fits. The
// search jumps to the step the size predicts instead of trying every step on the way down;
// it must still find exactly the step that trying every one would, in fewer encodes.
import { describe, expect, it } from 'vitest';
import { encodeWithin, type CompactRequest } from '../../src/core/palette/compact.ts';

/** A canvas whose JPEG size falls with quality as `size(q)`, counting its encodes. */
function fakeCanvas(size: (q: number) => number) {
  const calls: number[] = [];
  return {
    calls,
    convertToBlob: async ({ quality }: { quality?: number } = {}) => {
      calls.push(quality!);
      return new Blob([new Uint8Array(Math.round(size(quality!)))], { type: 'image/jpeg' });
    },
  };
}

const photo = (budget: number, startQuality?: number): CompactRequest => ({
  mime: 'image/jpeg',
  quality: 0.85,
  colours: [],
  maxMean: 0,
  maxOff: 0,
  maxFar: 0,
  budget,
  minQuality: 0.75,
  step: 0.03,
  ...(startQuality ? { startQuality } : {}),
});

/** What trying every step from the start (the search before) gives. */
function everyStep(size: (q: number) => number, req: CompactRequest): number {
  const floor = Math.min(req.quality, req.minQuality!);
  const steps: number[] = [];
  for (let q = req.quality; q > floor + 1e-9; q -= req.step!) steps.push(q);
  steps.push(floor);
  return steps.find((q) => size(q) <= req.budget!) ?? floor;
}

describe('encodeWithin', () => {
  // Sizes that fall with quality at several rates around the one assumed (ln-size 2.4 per unit).
  const models = [1, 2.4, 5, 12].map((k) => (q: number) => 600_000 * Math.exp(k * (q - 0.85)));
  for (const [m, size] of models.entries())
    for (const budget of [700_000, 590_000, 560_000, 500_000, 450_000, 300_000])
      it(`size model ${m}, budget ${budget}: the highest step that fits, as trying every step`, async () => {
        const c = fakeCanvas(size);
        const out = await encodeWithin(c, photo(budget));
        if (!('quality' in out)) throw new Error('no quality');
        expect(out.quality).toBeCloseTo(everyStep(size, photo(budget)), 9);
        expect(out.blob.size).toBe(Math.round(size(out.quality!)));
        expect(new Set(c.calls).size).toBe(c.calls.length); // no step encoded twice
      });

  it('a smooth photo far over its budget: 2 encodes (was 5: 0.85, 0.82, 0.79, 0.76, 0.75)', async () => {
    // The sizes measured on tests/fixtures/out/phone.jpg stamped (budget 371,816 bytes).
    const measured = new Map([
      [0.85, 692_827],
      [0.82, 638_601],
      [0.79, 592_668],
      [0.76, 553_860],
      [0.75, 542_676],
    ]);
    const c = fakeCanvas((q) => measured.get(Math.round(q * 100) / 100)!);
    const out = await encodeWithin(c, photo(371_816));
    expect('quality' in out && out.quality).toBeCloseTo(0.75, 9);
    expect(c.calls.length).toBe(2);
  });

  // A scan's pages, as measured on the bench's 5-page scan (budget 229,766 bytes a page): each
  // fitted at 0.65 and was over at 0.75.
  const scanPage = (at65: number) => (q: number) => at65 * Math.exp(1.3 * (q - 0.65));
  const scan = (startQuality?: number, stepUp?: number): CompactRequest => ({ ...photo(229_766, startQuality), quality: 0.85, minQuality: 0.65, step: 0.1, ...(stepUp ? { stepUp } : {}) });

  it('a page like the last is not encoded a step up where it surely will not fit; its ratio goes on to the next', async () => {
    const first = fakeCanvas(scanPage(206_378));
    const one = await encodeWithin(first, scan());
    if (!('quality' in one)) throw new Error('no quality');
    expect(one.quality).toBeCloseTo(0.65, 9);
    expect(one.stepUp).toBeCloseTo(Math.exp(0.13), 4); // 0.75's size ÷ 0.65's, measured

    const next = fakeCanvas(scanPage(206_652));
    const two = await encodeWithin(next, scan(one.quality, one.stepUp));
    expect(next.calls).toEqual([0.65]); // was [0.65, 0.75]
    expect('quality' in two && two.quality).toBeCloseTo(everyStep(scanPage(206_652), scan()), 9);
    expect('stepUp' in two && two.stepUp).toBe(one.stepUp);
  });

  it('a page that may fit a step up is still tried there', async () => {
    // A lighter page: its 0.75 is predicted at ~219 KB, under the budget (its 0.85, at ~249 KB, over).
    const light = fakeCanvas(scanPage(192_000));
    const out = await encodeWithin(light, scan(0.65, Math.exp(0.13)));
    expect(light.calls.map((q) => Math.round(q * 100))).toEqual([65, 75]);
    expect('quality' in out && out.quality).toBeCloseTo(everyStep(scanPage(192_000), scan()), 9);
  });

  it('starts where the last PDF page ended', async () => {
    const c = fakeCanvas(models[1]!);
    await encodeWithin(c, photo(560_000, 0.82));
    expect(c.calls[0]).toBeCloseTo(0.82, 9);
  });
});
