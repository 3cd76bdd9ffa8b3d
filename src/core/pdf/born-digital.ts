// Whether a PDF page was made on a computer or is a scan, from what its content stream paints.
import { OPS, type PDFPageProxy } from 'pdfjs-dist';

/**
 * A PDF page made on a computer (a statement, a letter, a form): it paints visible text or
 * vector shapes. A scan is one picture, at most with an invisible text layer from OCR.
 */
export async function bornDigital(page: PDFPageProxy): Promise<boolean> {
  const { fnArray, argsArray } = await page.getOperatorList();
  let mode = 0;
  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k];
    if (fn === OPS.setTextRenderingMode) mode = (argsArray[k] as number[])[0]!;
    // Modes 3 (invisible) and 7 (clip only) paint nothing: OCR layers of scans use them.
    else if (TEXT_OPS.has(fn!) && mode !== 3 && mode !== 7) return true;
    else if (fn === OPS.constructPath && PAINT_OPS.has((argsArray[k] as number[])[0]!)) return true;
  }
  return false;
}
const TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
const PAINT_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
