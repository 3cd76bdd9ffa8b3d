// HEIC/HEIF (iPhone and many Android phones): the container is read by heif.ts, the pixels are
// decoded by libheif in a worker (heic.worker.ts), which loads only when a HEIC arrives.
import HeicWorker from './heic.worker.ts?worker';
import { inspectHeif } from './heif.ts';
import type { ImageFormat } from './types.ts';
import { toBitmap, workerDecoder } from './worker-decoder.ts';

const decoder = workerDecoder(() => new HeicWorker(), 'HEIC');

export const heic: ImageFormat = {
  kind: 'heic',
  mime: 'image/heic',
  ext: 'heic',
  inspect: (b) => inspectHeif(b, 'HEIC'),
  output: () => 'jpeg',
  async decode(b, { maxPixels, signal }) {
    const bytes = b.slice(); // handed over to the worker
    return toBitmap(await decoder({ bytes, maxPixels }, [bytes.buffer], signal));
  },
};
