// The busy ID card on a cloth after the heaviest attacks issue 21 requires: the copies where the
// cloth's own repeats used to outrank the trace's lattice (the lattice search now looks only at
// the band the trace lives in: docs/trace.md, "Reading"). The full table is tools/trace-table.ts.
import { describe, expect, it } from 'vitest';
import { embedTrace, readTrace } from '../../src/core/trace/index.ts';
import { pngOf, SCENES, scenePhoto, toRgba } from '../fixtures/trace-pictures.ts';
import { ATTACKS, TABLE_CODE, TABLE_KEY } from '../../tools/trace-table.ts';

const attack = (name: string) => ATTACKS.find((a) => a.name === name)!;

async function readAfter(mp: number, name: string, variant: number) {
  const marked = await toRgba(await scenePhoto(SCENES[1]!, mp));
  embedTrace(marked, { key: TABLE_KEY, code: TABLE_CODE });
  const copy = await attack(name).variants[variant]!(await pngOf(marked), marked.width, marked.height);
  return readTrace(await toRgba(copy), TABLE_KEY);
}

describe('trace: the busy ID card after the heaviest required chains', () => {
  it('2 MP, crop→0.5×→q50→screenshot→q75, crops at the top-left and in the middle', async () => {
    for (const v of [0, 2]) expect((await readAfter(2, 'chain crop→0.5×→q50→shot→q75', v)).code, `variant ${v}`).toBe(TABLE_CODE);
  }, 600_000);

  it('5 MP, the chain after 35 % blurred (the crop half blurred)', async () => {
    expect((await readAfter(5, 'chain after 35 % blurred', 0)).code).toBe(TABLE_CODE);
  }, 600_000);
});
