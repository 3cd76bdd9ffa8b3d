// Decodes one page of a TIFF (scanners: none, LZW, Deflate, PackBits, JPEG, CCITT G3/G4) with
// UTIF (MIT), off the page's thread; an aborted job terminates the worker. Loaded only when a
// TIFF arrives.
import * as UTIF from 'utif2';

// The typings lag the code: decode takes options, decodeImage the list of pages.
const decode = UTIF.decode as (b: ArrayBuffer, opts: { parseMN: boolean; debug: boolean }) => UTIF.IFD[];
const decodeImage = UTIF.decodeImage as (b: ArrayBuffer, ifd: UTIF.IFD, ifds: UTIF.IFD[]) => void;

interface Request {
  id: number;
  bytes: Uint8Array;
  page: number;
  maxPixels: number;
}

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, bytes, page, maxPixels } = e.data;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // Only the main chain of pages: sub-IFDs are thumbnails and EXIF.
    const ifds = decode(buffer, { parseMN: false, debug: false }).filter((d) => d['t256']);
    const ifd = ifds[page - 1];
    if (!ifd) throw new Error('no such page');
    const width = (ifd['t256'] as number[])[0]!;
    const height = (ifd['t257'] as number[])[0]!;
    if (width * height > maxPixels) throw new Error(`too-many-pixels ${width} ${height}`);
    decodeImage(buffer, ifd, ifds);
    const rgba = new Uint8ClampedArray(UTIF.toRGBA8(ifd).buffer);
    if (rgba.length !== ifd.width * ifd.height * 4) throw new Error('short image data');
    (self as unknown as Worker).postMessage({ id, width: ifd.width, height: ifd.height, rgba }, [rgba.buffer]);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
