// The codes that name what happened: errors, warnings, the command line's own errors, kinds of
// metadata. The bottom of the import graph: this file imports nothing, so errors.ts, report.ts,
// warnings.ts, the formats and the UI can all name a code without importing one another. What
// each code SAYS lives in the translation tree (src/locales/<lang>.json), one text per language.

/** A failure a person can meet; its message: src/locales/<lang>.json → errors. */
export type StampErrorCode =
  | 'empty'
  | 'truncated'
  | 'corrupt'
  | 'unsupported-type'
  | 'too-many-pixels'
  | 'too-long-side'
  | 'too-large-file'
  | 'cannot-reach-size'
  | 'decode-failed'
  | 'encode-failed'
  | 'timeout'
  | 'invalid-options'
  | 'pdf-password'
  | 'pdf-wrong-password'
  | 'pdf-page-too-small'
  | 'pdf-image-too-large'
  | 'pdf-no-pages'
  | 'pdf-too-many-pages'
  | 'pdf-page-too-large'
  /** The invisible trace could not be embedded: no copy is made without it (fail closed). */
  | 'trace-failed'
  /** A part of the extension's code loaded on demand could not be (updated under an open page). */
  | 'part-missing';

/** Something the person should know about a copy that was made; text: → warnings. */
export type WarningCode =
  /** Strip-only had to re-encode (lossy) to meet a size or dimension limit. */
  | 'reencoded-to-fit'
  /** GIF/BMP (and their metadata) came out as PNG. */
  | 'converted-to-png'
  /** HEIC/AVIF/TIFF came out as JPEG (black-and-white scans: PNG); a multi-page scan as a PDF. */
  | 'converted-format'
  /** The output type was changed on request (e.g. a field that accepts only PDF). */
  | 'converted'
  /** Scaled down to meet a size or dimension limit. */
  | 'resized'
  /** A PDF became one image: only its first page. */
  | 'first-page-only'
  /** Keep-text was asked for a PDF that is locked against changes: it was flattened. */
  | 'flattened-protected-pdf'
  /** Keep-text: the text stays searchable, and a PDF editor can delete the watermark. */
  | 'watermark-removable'
  /** Black boxes can only be burned into pixels: the PDF was flattened. */
  | 'flattened-for-redaction'
  /** Keep-text keeps the pages as they are, and the invisible trace lives in pixels: none in this copy. */
  | 'no-trace-keep-text'
  /** Flatten with the trace: only the first page (and pages that were pictures) carry it. */
  | 'trace-first-page'
  /** A damaged part browsers skip (a GIF's missing trailer, a PNG chunk with a bad CRC) was left out. */
  | 'damaged-part-skipped'
  /** A very large PDF page was rendered below the chosen resolution. */
  | 'page-downscaled'
  /** A JPEG without its end marker that browsers show whole: the marker was added. */
  | 'end-marker-missing';

/**
 * The command line's own failures, before or around the stamping (a missing path, a folder, an
 * unreadable file, a browser page that died); text: → cli.
 */
export type CliErrorCode =
  | 'not-found'
  | 'is-folder'
  | 'io'
  | 'browser-failed'
  | 'browser-closed'
  | 'page-crashed'
  | 'page-killed'
  | 'out-of-memory'
  | 'page-timeout'
  | 'write-failed'
  | 'retried'
  | 'tried-twice'
  /** Before any file: no Chromium, no built extension, a trace-key file that holds no key. */
  | 'chromium-missing'
  | 'not-built'
  | 'bad-trace-key';

/**
 * What was typed on the command line cannot be run (an unknown option, a missing or bad value,
 * options that exclude each other): told before any file is touched, exit status 2; text: → cli.
 */
export type CliUsageCode =
  | 'usage-unknown-option'
  | 'usage-missing-value'
  | 'usage-no-value'
  | 'usage-not-a-number'
  | 'usage-bad-choice'
  | 'usage-whole-number'
  | 'usage-seconds'
  | 'usage-no-files'
  | 'usage-not-together'
  | 'usage-trace-keep-text'
  | 'usage-only-with'
  | 'usage-history-unreadable'
  | 'usage-history-not-list';

/** --help: its headings and one line per option (option names stay as typed); text: → cli. */
export type CliHelpCode =
  | 'help-usage'
  | 'help-options'
  | 'help-intro'
  | 'help-purpose'
  | 'help-site'
  | 'help-template'
  | 'help-strip-only'
  | 'help-trace-only'
  | 'help-no-trace'
  | 'help-trace-key'
  | 'help-identify'
  | 'help-history'
  | 'help-out'
  | 'help-max-bytes'
  | 'help-max-dimension'
  | 'help-naming'
  | 'help-pdf-mode'
  | 'help-dpi'
  | 'help-to'
  | 'help-password'
  | 'help-preset'
  | 'help-opacity'
  | 'help-size'
  | 'help-density'
  | 'help-angle'
  | 'help-color'
  | 'help-lang'
  | 'help-json'
  | 'help-no-mrz'
  | 'help-jobs'
  | 'help-timeout'
  | 'help-help';

/** The command line's own lines that are not errors (results, MRZ, trace); text: → cli. */
export type CliTextCode =
  | 'result'
  | 'pages'
  | 'one-page'
  | 'removed-nothing'
  | 'mrz'
  | 'expiry-valid'
  | 'expiry-soon'
  | 'expiry-expired'
  | 'expiry-unknown'
  | 'mrz-check-failed'
  | 'mrz-still-reads'
  | 'mrz-no-longer-reads'
  | 'mrz-uncertain'
  | 'building'
  | 'identify-found'
  | 'identify-none'
  | 'identify-match'
  | 'identify-not-in-history'
  | 'trace-failed-hint'
  | 'usage-see-help';

/** What a file can carry besides the picture; used in reports and the UI. */
export type MetadataKind =
  | 'exif'
  | 'gps'
  | 'maker-notes'
  | 'thumbnail'
  | 'xmp'
  | 'xmp-extended'
  | 'iptc'
  | 'mpf'
  | 'comment'
  | 'app-segment'
  | 'text'
  | 'time'
  | 'c2pa'
  | 'trailer'
  // PDF
  | 'info'
  | 'piece-info'
  | 'javascript'
  | 'attachments'
  | 'annotations'
  | 'forms'
  | 'old-revisions'
  | 'text-layer'
  | 'image-metadata'
  | 'other';
