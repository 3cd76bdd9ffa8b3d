// PDF support (pdf.js and pdf-lib: ~0.9 MB of the 1.1 MB the stamping code was) in a chunk of
// its own, loaded the first time a PDF is read or written. A page that stamps photos never
// parses it: a stamping page opened in a fresh profile was ready for work after 284 ms instead
// of 369 (medians of 6), the popup loaded after 243 instead of 302.
import { lazyPart } from '../lazy.ts';

export const loadPdf = lazyPart(() => import('./api.ts'));
