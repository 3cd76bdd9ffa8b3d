// The invisible trace's measured claims, in node with sharp (no build, no browser): every listed
// attack on a photographed passport at 2, 5 and 12 MP (the exact code back, PSNR of the
// trace-only copy ≥ 42 dB). No code from unmarked pictures: trace-unmarked.test.ts (its own
// file, so the two long tests run side by side). The full table (two scenes, with the busy ID
// card: docs/trace.md) is `npx tsx tools/trace-table.ts`; it takes too long for every test
// run. The busy card's hardest required copies: trace-busy.test.ts.
import { describe, expect, it } from 'vitest';
import { traceTable } from '../../tools/trace-table.ts';

const CHAIN = 'chain crop→0.5×→q50→shot→q75';

describe('trace: robustness (a passport photographed at 2, 5, 12 MP, every attack)', () => {
  it('reads the exact code after every attack at ≥ 5 MP, and the chain at 2 MP; PSNR ≥ 42 dB', async () => {
    const t = await traceTable({ mp: [2, 5, 12], scenes: 1, log: (s) => console.log(s) });
    console.log(`\n${t.markdown}\n`);
    for (const p of t.psnr) expect(p.psnr, `${p.mp} MP ${p.scene}`).toBeGreaterThanOrEqual(42);
    for (const c of t.cells) {
      expect(c.wrong, `${c.attack} at ${c.mp} MP read a wrong code`).toBe(0);
      if (c.mp >= 5 || c.attack === CHAIN) expect(`${c.attack} at ${c.mp} MP: ${c.recovered}/${c.total}`).toBe(`${c.attack} at ${c.mp} MP: ${c.total}/${c.total}`);
    }
  }, 3_600_000);
});
