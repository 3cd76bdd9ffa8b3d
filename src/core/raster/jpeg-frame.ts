// A JPEG decoded by WebCodecs' ImageDecoder: its frame comes as YUV planes (turned into RGB as
// it is drawn), and it may come small, shrunk by the decoder itself (libjpeg-turbo's DCT at n/8
// of the picture's side, through the decoder's desired size). A flattened PDF's scanned page
// (pdf/render.ts) is decoded so; the MRZ reader and the photo check take a photo so that is
// decoded whole anyway for the stamp: a second decode, as little of one as will do. Nothing
// here reads the file's markers (the caller gives its header): the MRZ worker imports this,
// and the format walkers bring the errors' texts in every language (~260 KB) with them.

export interface Size {
  width: number;
  height: number;
}

/** What a JPEG's markers say (formats/jpeg.ts: jpegFrame, and inspect's orientation). */
export interface JpegHeader extends Size {
  /** A process browsers decode (baseline, extended or progressive Huffman). */
  huffman: boolean;
  /** The EXIF orientation, 1–8 (1: none). */
  orientation: number;
}

/**
 * A picture's size at n/8 of its side, as the decoder's desired size: Chromium takes
 * n = ⌊8·√(desired area / area)⌋, and both sides rounded up keep n.
 */
export const eighthsOf = (s: Size, n: number): Size => ({ width: Math.ceil((s.width * n) / 8), height: Math.ceil((s.height * n) / 8) });

/**
 * `bytes` (a JPEG) decoded by ImageDecoder, shrunk to `size` by the decoder if given (with
 * `colorSpaceConversion` as createImageBitmap's). The frame if `accept` takes it (else closed);
 * undefined where there is no ImageDecoder or it fails: the caller decodes otherwise. The
 * caller closes the frame.
 */
export async function decodeJpegFrame(
  bytes: BufferSource,
  opts: { size?: Size; colorSpaceConversion?: ColorSpaceConversion },
  accept: (frame: VideoFrame) => boolean,
): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder === 'undefined') return undefined;
  let decoder: ImageDecoder | undefined;
  try {
    decoder = new ImageDecoder({
      data: bytes,
      type: 'image/jpeg',
      ...(opts.colorSpaceConversion ? { colorSpaceConversion: opts.colorSpaceConversion } : {}),
      ...(opts.size ? { desiredWidth: opts.size.width, desiredHeight: opts.size.height } : {}),
    });
    const { image } = await decoder.decode();
    if (accept(image)) return image;
    image.close();
  } catch {
    // the caller's other decode
  } finally {
    decoder?.close();
  }
  return undefined;
}

/**
 * `data` (a JPEG whose markers say `header`) decoded at the fewest eighths of its size whose
 * long side reaches `side`, upright: the frame carries the EXIF turn, which drawing it applies,
 * and it is taken only where that is seen to be so (no turn, or a quarter turn that swaps its
 * size), as a browser may not apply it. Undefined where the decoder would not shrink it (no
 * ImageDecoder, not larger than `side`, a process browsers do not shrink, a size not as asked,
 * a turn not seen applied): the caller decodes it whole. The caller closes the frame.
 */
export async function shrunkJpeg(data: Blob | BufferSource, header: JpegHeader, side: number): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder === 'undefined' || !header.huffman || Math.max(header.width, header.height) <= side) return undefined;
  // A file is read only now, once it is known to be worth it.
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const size = eighthsOf(header, Math.ceil((8 * side) / Math.max(header.width, header.height)));
  const turn = header.orientation;
  return decodeJpegFrame(bytes, { size }, (image) => {
    const shrunk = image.codedWidth === size.width && image.codedHeight === size.height;
    return shrunk && (turn === 1 || (turn >= 5 && image.displayWidth === size.height && image.displayHeight === size.width));
  });
}
