// A stamped screenshot over its size limit is stamped again in other layouts (smaller-layout.ts).
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_TRIES, smallerLayout } from '../../src/core/smaller-layout.ts';

const layout = (bytes: number, n: number) => ({ blob: new Blob([new Uint8Array(bytes)]), n });

/** smallerLayout over layouts of these sizes (the first, then what `again` gives): the one kept and the tries. */
async function run(sizes: number[], limit: number) {
  let tries = 1;
  const kept = await smallerLayout(layout(sizes[0]!, 0), limit, async () => layout(sizes[tries]!, tries++));
  return { kept: kept.n, tries };
}

describe('smallerLayout', () => {
  it('keeps a layout within the limit: no other is drawn', async () => {
    expect(await run([100], 100)).toEqual({ kept: 0, tries: 1 });
  });

  it('over the limit, takes the first layout within it', async () => {
    expect(await run([120, 90, 80], 100)).toEqual({ kept: 1, tries: 2 });
    expect(await run([120, 130, 95], 100)).toEqual({ kept: 2, tries: 3 });
  });

  it('when none is within it, keeps the smallest, after SCREENSHOT_TRIES layouts in all', async () => {
    expect(SCREENSHOT_TRIES).toBe(3);
    expect(await run([120, 130, 110, 50], 100)).toEqual({ kept: 2, tries: 3 });
    expect(await run([105, 130, 110, 50], 100)).toEqual({ kept: 0, tries: 3 });
  });
});
