// One picture as a one-page PDF, for upload fields that accept only PDFs.
import type { Job, Produced } from '../job.ts';
import { createClean, saveClean } from './clean.ts';

/** A4's long side: the page has the picture's proportions and a familiar size. */
const LONG_SIDE_PT = 841.89;

export async function imageToPdf(image: Produced, job: Job): Promise<Produced> {
  const doc = await createClean();
  const embedded = image.kind === 'png' ? await doc.embedPng(image.bytes) : await doc.embedJpg(image.bytes);
  const s = LONG_SIDE_PT / Math.max(image.width, image.height);
  const width = image.width * s;
  const height = image.height * s;
  doc.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  return {
    ...image,
    bytes: await saveClean(doc, job.env.randomBytes),
    kind: 'pdf',
    width,
    height,
    pages: 1,
    lossless: false,
    warnings: [...new Set([...image.warnings, 'converted' as const])],
  };
}
