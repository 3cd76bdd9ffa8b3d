// stamp(file, options): the whole job for one file, in whatever browser context runs it
// (extension page or worker). Web APIs only: no extension APIs, no page DOM.
import { StampError } from './errors.ts';
import { IMAGE_FORMATS } from './formats/index.ts';
import { stampImage, type ImageKind } from './image.ts';
import { makeJob, type Produced, type StampEnv } from './job.ts';
import { EXTENSIONS, outputName } from './naming.ts';
import { parseOptions, type StampOptions } from './options.ts';
import { imageToPdf } from './pdf/image-to-pdf.ts';
import { stampPdf } from './pdf/stamp-pdf.ts';
import type { StampReport } from './report.ts';
import { describeUnknown, sniff } from './sniff.ts';
import { traceCode } from './watermark/template.ts';

export type { StampEnv } from './job.ts';

/** Beyond this we refuse before decoding: a decompression bomb or a tab-crashing canvas. */
export const MAX_PIXELS = 100_000_000;
export const MAX_SIDE = 30_000;
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
export const defaultEnv: StampEnv = { now: () => new Date(), random: Math.random, randomBytes, code: () => traceCode(randomBytes) };

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
  if (input.size > MAX_INPUT_BYTES) throw new StampError('too-large-file', { size: mb(input.size), limit: mb(MAX_INPUT_BYTES) });
  // A copy: the caller's File is never touched.
  const bytes = new Uint8Array(await input.arrayBuffer());
  const kind = sniff(bytes);
  const name = input.name ?? (kind === 'pdf' ? 'document' : 'image');
  const job = makeJob(name, options, env);
  const wanted = options.output === 'same' ? undefined : options.output;

  let input_: StampReport['input'];
  let out: Produced;
  if (kind === 'pdf') {
    out = await stampPdf(bytes, job, wanted === 'pdf' ? undefined : wanted);
    input_ = { name, bytes: bytes.length, kind, width: 0, height: 0 };
  } else {
    if (kind === 'heic') throw new StampError('heic-unsupported');
    const format = kind ? IMAGE_FORMATS[kind] : undefined;
    if (!kind || !format) throw new StampError('unsupported-type', { found: describeUnknown(bytes) });
    const info = format.inspect(bytes);
    if (info.width * info.height > MAX_PIXELS || Math.max(info.width, info.height) > MAX_SIDE)
      throw new StampError('too-many-pixels', { width: info.width, height: info.height, limit: MAX_PIXELS / 1e6 });
    input_ = { name, bytes: bytes.length, kind, width: info.width, height: info.height, orientation: info.orientation };
    // A PDF page holds a JPEG, or a PNG for screenshots and graphics (sharp text, no artefacts).
    const target: ImageKind | undefined = wanted === 'pdf' ? (kind === 'jpeg' || kind === 'webp' ? 'jpeg' : 'png') : wanted;
    out = await stampImage(bytes, kind, format, info, job, target);
    if (wanted === 'pdf') out = await imageToPdf(out, job);
  }

  const mime = out.kind === 'pdf' ? 'application/pdf' : `image/${out.kind}`;
  const file = new File([out.bytes as BlobPart], outputName(name, EXTENSIONS[out.kind]!, options.naming, job.code, options.mode), { type: mime });
  if (out.kind === 'pdf') input_.pages ??= out.pages;
  return {
    file,
    report: {
      input: input_,
      output: { name: file.name, bytes: file.size, kind: out.kind, mime, width: Math.round(out.width), height: Math.round(out.height), pages: out.pages },
      mode: options.mode,
      pdfMode: out.pdfMode,
      lossless: out.lossless,
      removed: out.removed,
      watermark: out.watermark,
      warnings: out.warnings,
      ms: { ...out.ms, total: performance.now() - t0 },
    },
  };
}

const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
