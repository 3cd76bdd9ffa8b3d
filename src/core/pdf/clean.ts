// Cleaning a pdf-lib document we built or copied pages into: pdf-lib saves every object in
// its context, reachable or not, so we scrub keys, sweep what the pages no longer reach, and
// write no Info and no XMP, with a fresh /ID.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { jpeg } from '../formats/jpeg.ts';

/** Keys that carry metadata or behaviour wherever they appear. */
const DROP_EVERYWHERE = ['Metadata', 'PieceInfo', 'LastModified', 'AA'].map((k) => PDFName.of(k));
/** Keys a page loses: annotations (comments, form widgets, links), thumbnails, tagging hooks. */
const DROP_ON_PAGES = ['Annots', 'Thumb', 'StructParents', 'B', 'Tabs'].map((k) => PDFName.of(k));

const dictOf = (o: PDFObject): PDFDict | undefined => (o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined);

/** Removes metadata keys from every object, and annotations from every page. */
export function scrubObjects(doc: PDFDocument): void {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = dictOf(obj);
    if (!dict) continue;
    for (const k of DROP_EVERYWHERE) dict.delete(k);
  }
  for (const page of doc.getPages()) for (const k of DROP_ON_PAGES) page.node.delete(k);
}

/** Embedded JPEG images keep their pixels but lose their EXIF/XMP/comments. */
export function scrubJpegStreams(doc: PDFDocument): number {
  let cleaned = 0;
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    if (obj.dict.get(PDFName.of('Filter')) !== PDFName.of('DCTDecode')) continue;
    try {
      const out = jpeg.strip!(obj.contents, { keepOrientation: false });
      if (out.removed.length === 0) continue;
      doc.context.assign(ref, PDFRawStream.of(obj.dict, out.bytes));
      cleaned++;
    } catch {
      // Not a JPEG we can walk: leave it; the viewer will decide.
    }
  }
  return cleaned;
}

/** Deletes every indirect object that the catalog does not reach. */
export function pruneUnreachable(doc: PDFDocument): number {
  const ctx = doc.context;
  const seen = new Set<string>();
  const stack: PDFObject[] = [ctx.trailerInfo.Root!];
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) continue;
      seen.add(o.tag);
      const target = ctx.lookup(o);
      if (target) stack.push(target);
    } else if (o instanceof PDFArray) for (let i = 0; i < o.size(); i++) stack.push(o.get(i));
    else {
      const dict = dictOf(o);
      if (dict) for (const [, v] of dict.entries()) stack.push(v);
    }
  }
  let removed = 0;
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!seen.has(ref.tag) && ctx.delete(ref)) removed++;
  return removed;
}

/** No Info dictionary, no catalog XMP, a fresh random /ID; then save. */
export async function saveClean(doc: PDFDocument, random: (n: number) => Uint8Array): Promise<Uint8Array> {
  const ctx = doc.context;
  delete ctx.trailerInfo.Info;
  doc.catalog.delete(PDFName.of('Metadata'));
  pruneUnreachable(doc);
  const id = PDFHexString.of([...random(16)].map((x) => x.toString(16).padStart(2, '0')).join(''));
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  return doc.save({ useObjectStreams: true, updateFieldAppearances: false });
}

/** A new, empty document that writes no Producer, Creator or dates of its own. */
export const createClean = () => PDFDocument.create({ updateMetadata: false });
