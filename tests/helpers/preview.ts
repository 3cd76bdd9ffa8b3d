// The preview picture a panel shows (popup, stamping page, prompt), fetched from the page.
import type { Frame, Page } from 'playwright-core';
import { uprightRgb, type Raw } from './pixels.ts';

/** The preview's picture once it has changed from `before` (an earlier src), with its trace code. */
export async function shownPreview(p: Frame | Page, before = ''): Promise<{ src: string; rgb: Raw; bytes: Buffer; code: string }> {
  await p.waitForFunction(
    (old) => {
      const i = document.getElementById('preview-img') as HTMLImageElement | null;
      return !!i && !i.hidden && !!i.src && i.src !== old && i.complete;
    },
    before,
    { timeout: 60_000 },
  );
  const { src, base64, code } = await p.evaluate(async () => {
    const i = document.getElementById('preview-img') as HTMLImageElement;
    const bytes = new Uint8Array(await (await fetch(i.src)).arrayBuffer());
    let bin = '';
    for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
    return { src: i.src, base64: btoa(bin), code: i.dataset.code ?? '' };
  });
  const bytes = Buffer.from(base64, 'base64');
  return { src, rgb: await uprightRgb(bytes), bytes, code };
}
