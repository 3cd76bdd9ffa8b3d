// Pictures as a PDF, one page each: for upload fields that accept only PDFs, and for
// multi-page scans (TIFF).
import type { Job, Produced } from '../job.ts';
import { createClean, saveClean } from './clean.ts';

/** A4's long side: the page has the picture's proportions and a familiar size. */
const LONG_SIDE_PT = 841.89;

export async function imageToPdf(images: Produced[], job: Job): Promise<Produced> {
  const doc = await createClean();
  let first: { width: number; height: number } | undefined;
  for (const image of images) {
    const embedded = image.kind === 'png' ? await doc.embedPng(image.bytes) : await doc.embedJpg(image.bytes);
    const s = LONG_SIDE_PT / Math.max(image.width, image.height);
    const width = image.width * s;
    const height = image.height * s;
    first ??= { width, height };
    doc.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  const head = images[0]!;
  return {
    ...head,
    bytes: await saveClean(doc, job.env.randomBytes),
    kind: 'pdf',
    ...first!,
    pages: images.length,
    lossless: false,
    warnings: [...new Set([...images.flatMap((i) => i.warnings).filter((w) => w !== 'first-page-only'), 'converted' as const])],
  };
}
