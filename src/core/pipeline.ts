// stamp(file, options): the whole job for one image, in whatever browser context runs it
// (extension page or worker). Web APIs only: no extension APIs, no page DOM.
import imageCompression from 'browser-image-compression';
import { StampError } from './errors.ts';
import { IMAGE_FORMATS, type ImageFormat, type ImageInfo } from './formats/index.ts';
import { EXTENSIONS, outputName } from './naming.ts';
import { parseOptions, type StampOptions } from './options.ts';
import { orientationMatrix, uprightSize } from './orientation.ts';
import type { StampReport, WarningCode } from './report.ts';
import { describeUnknown, sniff, type Kind } from './sniff.ts';
import { drawWatermark, planWatermark, type DrawnWatermark } from './watermark/draw.ts';
import { NO_JITTER, randomJitter } from './watermark/layout.ts';
import { defaultPurpose, isoDate, renderTemplate, traceCode } from './watermark/template.ts';

/** Beyond this we refuse before decoding: a decompression bomb or a tab-crashing canvas. */
export const MAX_PIXELS = 100_000_000;
export const MAX_SIDE = 30_000;
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

export interface StampEnv {
  now: () => Date;
  random: () => number;
  code: () => string;
}

export const defaultEnv: StampEnv = { now: () => new Date(), random: Math.random, code: () => traceCode() };

export interface StampResult {
  file: File;
  report: StampReport;
}

export interface NamedBlob extends Blob {
  readonly name?: string;
}

export async function stamp(input: NamedBlob, rawOptions: unknown = {}, env: StampEnv = defaultEnv): Promise<StampResult> {
  const options = parseOptions(rawOptions);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StampError('timeout', { seconds: Math.round(options.timeoutMs / 1000) })), options.timeoutMs);
  });
  try {
    return await Promise.race([run(input, options, env), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function run(input: NamedBlob, options: StampOptions, env: StampEnv): Promise<StampResult> {
  const t0 = performance.now();
  if (input.size === 0) throw new StampError('empty');
  if (input.size > MAX_INPUT_BYTES)
    throw new StampError('too-large-file', { size: mb(input.size), limit: mb(MAX_INPUT_BYTES) });
  // A copy: the caller's File is never touched.
  const bytes = new Uint8Array(await input.arrayBuffer());
  const kind = sniff(bytes);
  if (kind === 'heic') throw new StampError('heic-unsupported');
  const format = kind ? IMAGE_FORMATS[kind] : undefined;
  if (!kind || !format) throw new StampError('unsupported-type', { found: describeUnknown(bytes) });
  const info = format.inspect(bytes);
  if (info.width * info.height > MAX_PIXELS || Math.max(info.width, info.height) > MAX_SIDE)
    throw new StampError('too-many-pixels', { width: info.width, height: info.height, limit: MAX_PIXELS / 1e6 });

  const code = env.code();
  const name = input.name ?? 'image';
  const base = { name, bytes: bytes.length, kind, width: info.width, height: info.height, orientation: info.orientation };

  if (options.mode === 'strip' && format.strip) {
    const out = format.strip(bytes, { keepOrientation: true });
    const fits =
      (!options.maxBytes || out.bytes.length <= options.maxBytes) &&
      (!options.maxDimension || Math.max(info.width, info.height) <= options.maxDimension);
    if (fits) {
      const file = new File([out.bytes as BlobPart], outputName(name, EXTENSIONS[kind]!, options.naming, code), { type: format.mime });
      const up = uprightSize(info.width, info.height, info.orientation);
      return {
        file,
        report: {
          input: base,
          output: { name: file.name, bytes: file.size, kind, mime: format.mime, ...up },
          mode: 'strip',
          lossless: true,
          removed: out.removed,
          warnings: [],
          ms: { total: performance.now() - t0 },
        },
      };
    }
  }
  return reencode(bytes, kind, format, info, options, env, code, base, t0);
}

async function reencode(
  bytes: Uint8Array,
  kind: Kind,
  format: ImageFormat,
  info: ImageInfo,
  options: StampOptions,
  env: StampEnv,
  code: string,
  base: StampReport['input'],
  t0: number,
): Promise<StampResult> {
  const warnings: WarningCode[] = [];
  if (options.mode === 'strip') warnings.push(format.strip ? 'reencoded-to-fit' : 'converted-to-png');
  // Decode the picture with all metadata (orientation included) removed, then rotate ourselves.
  const clean = format.strip ? format.strip(bytes, { keepOrientation: false }).bytes : bytes;
  const outKind: Kind = kind === 'jpeg' || kind === 'webp' ? kind : 'png';
  if (outKind !== kind && options.mode === 'stamp') warnings.push('converted-to-png');
  const mime = `image/${outKind}`;

  const tDecode = performance.now();
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([clean as BlobPart], { type: format.mime }));
  } catch {
    throw new StampError('decode-failed', { kind: kind.toUpperCase() });
  }
  const decodeMs = performance.now() - tDecode;
  try {
    const up = uprightSize(bitmap.width, bitmap.height, info.orientation);
    const scale = options.maxDimension ? Math.min(1, options.maxDimension / Math.max(up.width, up.height)) : 1;
    if (scale < 1) warnings.push('resized');
    const width = Math.max(1, Math.round(up.width * scale));
    const height = Math.max(1, Math.round(up.height * scale));

    const tDraw = performance.now();
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new StampError('encode-failed', { kind: outKind.toUpperCase() });
    if (outKind === 'jpeg') {
      // JPEG has no alpha: transparent areas would turn black; paint them white like a viewer.
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
    }
    ctx.imageSmoothingQuality = 'high';
    ctx.setTransform(...orientationMatrix(info.orientation, bitmap.width, bitmap.height, scale));
    ctx.drawImage(bitmap, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    let mark: DrawnWatermark | undefined;
    if (options.mode === 'stamp') {
      const w = options.watermark;
      const text = renderTemplate(w.template, {
        purpose: w.purpose.trim() || defaultPurpose(w.site, options.lang),
        site: w.site,
        date: w.date || isoDate(env.now()),
        code,
      });
      mark = planWatermark(ctx, width, height, text, w, w.jitter ? randomJitter(env.random) : NO_JITTER);
      drawWatermark(ctx, mark, w);
    }
    const drawMs = performance.now() - tDraw;

    const tEncode = performance.now();
    let blob: Blob;
    try {
      blob = await canvas.convertToBlob({ type: mime, quality: options.quality });
    } catch {
      throw new StampError('encode-failed', { kind: outKind.toUpperCase() });
    }
    if (blob.type !== mime) throw new StampError('encode-failed', { kind: outKind.toUpperCase() });
    if (options.maxBytes && blob.size > options.maxBytes) {
      blob = await fitBytes(blob, mime, options.maxBytes, options.quality);
      warnings.push('resized');
    }
    // The encoder writes no metadata, but verify rather than assume: strip the output too.
    const outFormat = IMAGE_FORMATS[outKind]!;
    const outBytes = outFormat.strip!(new Uint8Array(await blob.arrayBuffer()), { keepOrientation: false }).bytes;
    const outInfo = outFormat.inspect(outBytes);
    const encodeMs = performance.now() - tEncode;

    const file = new File([outBytes as BlobPart], outputName(base.name, EXTENSIONS[outKind]!, options.naming, code), { type: mime });
    return {
      file,
      report: {
        input: base,
        output: { name: file.name, bytes: file.size, kind: outKind, mime, width: outInfo.width, height: outInfo.height },
        mode: options.mode,
        lossless: false,
        removed: info.metadata,
        watermark: mark && {
          lines: mark.lines,
          code,
          fontPx: mark.layout.fontPx,
          angle: Math.round((mark.layout.angle * 180) / Math.PI * 10) / 10,
          opacity: Math.round(mark.layout.opacity * 1000) / 1000,
          tiles: mark.layout.tiles.length,
        },
        warnings: [...new Set(warnings)],
        ms: { total: performance.now() - t0, decode: decodeMs, draw: drawMs, encode: encodeMs },
      },
    };
  } finally {
    bitmap.close();
  }
}

/** Smaller by quality, then by scale, with browser-image-compression on this thread (no CDN worker). */
async function fitBytes(blob: Blob, mime: string, maxBytes: number, quality: number): Promise<Blob> {
  const file = new File([blob], 'image', { type: mime });
  const out = await imageCompression(file, {
    maxSizeMB: maxBytes / (1024 * 1024),
    useWebWorker: false,
    fileType: mime,
    initialQuality: quality,
    preserveExif: false,
    maxIteration: 15,
  });
  if (out.size > maxBytes) throw new StampError('cannot-reach-size', { limit: human(maxBytes), size: human(out.size) });
  return out;
}

const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
const human = (n: number) => (n >= 1024 * 1024 ? `${mb(n)} MB` : `${Math.round(n / 1024)} KB`);
