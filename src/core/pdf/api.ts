// Everything of PDF support that the rest of the code uses, in one module: it is loaded on
// demand (load.ts), and with it pdf.js and pdf-lib, which no other module imports.
export { bornDigital } from './born-digital.ts';
export { findImagePages } from './image-page.ts';
export { imageToPdf } from './image-to-pdf.ts';
export { openPdf, renderPage } from './render.ts';
export { stampPdf } from './stamp-pdf.ts';
