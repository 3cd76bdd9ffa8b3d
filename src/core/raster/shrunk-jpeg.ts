// A JPEG decoded small by its own decoder: libjpeg-turbo scales while it decodes (its DCT at
// n/8 of the picture's side), which browsers offer through WebCodecs' ImageDecoder and its
// desired size. For readers that want only a smaller copy of a photo that is decoded whole
// anyway for the stamp (the MRZ reader, the photo check): a second decode, as little of one as
// will do.
import { jpeg, jpegFrame } from '../formats/jpeg.ts';

/**
 * `bytes` (a JPEG) decoded at the fewest eighths of its size whose long side reaches `side`,
 * upright: the frame carries the EXIF turn, which drawing it applies, and it is taken only
 * where that is seen to be so (no turn, or a quarter turn that swaps its size), as a browser
 * may not apply it. Undefined where the decoder would not shrink it (no ImageDecoder, not
 * larger than `side`, a process browsers do not shrink, a size not as asked, a turn not seen
 * applied): the caller decodes it whole. The caller closes the frame.
 */
export async function shrunkJpeg(bytes: Uint8Array<ArrayBuffer>, side: number): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder === 'undefined') return undefined;
  const frame = jpegFrame(bytes);
  if (!frame?.huffman || Math.max(frame.width, frame.height) <= side) return undefined;
  const eighths = Math.ceil((8 * side) / Math.max(frame.width, frame.height));
  // Chromium takes n = ⌊8·√(desired area / area)⌋: both sides rounded up keep n.
  const size = { width: Math.ceil((frame.width * eighths) / 8), height: Math.ceil((frame.height * eighths) / 8) };
  let turn: number;
  try {
    turn = jpeg.inspect(bytes).orientation;
  } catch {
    return undefined;
  }
  let decoder: ImageDecoder | undefined;
  try {
    decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth: size.width, desiredHeight: size.height });
    const { image } = await decoder.decode();
    const shrunk = image.codedWidth === size.width && image.codedHeight === size.height;
    const upright = turn === 1 || (turn >= 5 && image.displayWidth === size.height && image.displayHeight === size.width);
    if (shrunk && upright) return image;
    image.close();
  } catch {
    // decoded whole by the caller
  } finally {
    decoder?.close();
  }
  return undefined;
}
