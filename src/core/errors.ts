// Typed errors: every failure a person can meet has a code, and every code a message that says
// what went wrong and what to do next: English and Simplified Chinese here, the other languages
// in src/core/locales/<lang>.ts (typed by StampErrorCode, so a missing one fails the build).
import { CORE_LOCALES } from './locales/index.ts';
import type { Lang } from './lang.ts';

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
  | 'trace-failed';

export type { Lang } from './lang.ts';

type Params = Record<string, string | number>;

const MESSAGES: Record<StampErrorCode, Record<'en' | 'zh_CN', string>> = {
  empty: {
    en: 'The file is empty (0 bytes). Choose the photo or scan again.',
    zh_CN: '文件是空的（0 字节）。请重新选择照片或扫描件。',
  },
  truncated: {
    en: 'The file is incomplete (it ends too early), probably from an interrupted download or copy. Download, export or scan it again.',
    zh_CN: '文件不完整（提前结束），可能是下载或复制被中断。请重新下载、导出或扫描。',
  },
  corrupt: {
    en: 'The file is damaged and cannot be read as {kind}. Open it on your device; if it does not show, take, scan or export it again.',
    zh_CN: '文件已损坏，无法作为 {kind} 读取。请在设备上打开确认；若无法显示，请重新拍摄、扫描或导出。',
  },
  'unsupported-type': {
    en: 'This file type is not supported (found: {found}). Use a PDF or a JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF or BMP picture.',
    zh_CN: '不支持此文件类型（检测到：{found}）。请使用 PDF，或 JPEG、PNG、WebP、HEIC、AVIF、TIFF、GIF、BMP 图片。',
  },
  'too-many-pixels': {
    en: 'The picture is too large ({width}×{height} pixels, limit {limit} megapixels). Resize it or take a smaller photo.',
    zh_CN: '图片尺寸过大（{width}×{height} 像素，上限 {limit} 百万像素）。请缩小图片或重新拍摄较小的照片。',
  },
  'too-long-side': {
    en: 'The picture is too long ({width}×{height} pixels; a side may be at most {limit} pixels). Crop or resize it.',
    zh_CN: '图片边长过长（{width}×{height} 像素；每边最多 {limit} 像素）。请裁剪或缩小图片。',
  },
  'too-large-file': {
    en: 'The file is too large ({size} MB, limit {limit} MB). Use a smaller file.',
    zh_CN: '文件过大（{size} MB，上限 {limit} MB）。请使用较小的文件。',
  },
  'cannot-reach-size': {
    en: 'Could not make the file smaller than {limit} without making it unreadable (best: {size}). Raise the size limit or crop the picture.',
    zh_CN: '无法在保证清晰的前提下把文件压缩到 {limit} 以内（最小 {size}）。请提高大小上限或裁剪图片。',
  },
  'decode-failed': {
    en: 'The browser could not open this {kind} image. It may be damaged or use an unusual encoding; export it again as JPEG or PNG.',
    zh_CN: '浏览器无法打开这张 {kind} 图片，可能已损坏或编码特殊。请重新导出为 JPEG 或 PNG。',
  },
  'encode-failed': {
    en: 'The stamped picture could not be saved as {kind}. Try again, or choose a smaller picture.',
    zh_CN: '无法将加盖水印的图片保存为 {kind}。请重试或选择较小的图片。',
  },
  timeout: {
    en: 'Processing took too long (over {seconds} s) and was stopped. Try a smaller file.',
    zh_CN: '处理时间过长（超过 {seconds} 秒），已停止。请尝试较小的文件。',
  },
  'pdf-password': {
    en: 'This PDF is protected with a password. Enter the password to open it (it is used only for this file and never stored), or save a copy without the password.',
    zh_CN: '此 PDF 设有打开密码。请输入密码以打开（仅用于此文件，不会保存），或另存一份无密码的副本。',
  },
  'pdf-wrong-password': {
    en: 'The password for this PDF is not correct. Check it (for bank statements it is often a date of birth or part of an ID number) and try again.',
    zh_CN: '此 PDF 的密码不正确。请核对后重试（银行对账单的密码常为出生日期或证件号的一部分）。',
  },
  'pdf-page-too-small': {
    en: 'Page {page} of this PDF is too small to show ({width}×{height} mm). Export the document again at a normal paper size.',
    zh_CN: '此 PDF 第 {page} 页过小，无法显示（{width}×{height} 毫米）。请按常规纸张尺寸重新导出。',
  },
  'pdf-image-too-large': {
    en: 'This PDF holds a picture too large to open safely ({width}×{height} pixels, limit {limit} megapixels). Export the document again at a lower resolution.',
    zh_CN: '此 PDF 包含一张过大的图片（{width}×{height} 像素，上限 {limit} 百万像素），无法安全打开。请以较低分辨率重新导出文档。',
  },
  'pdf-no-pages': {
    en: 'This PDF has no pages. Export the document again.',
    zh_CN: '此 PDF 没有任何页面。请重新导出文档。',
  },
  'pdf-too-many-pages': {
    en: 'This PDF has {pages} pages; the limit is {limit}. Save only the pages you need to upload as a new PDF.',
    zh_CN: '此 PDF 有 {pages} 页，上限为 {limit} 页。请只把需要上传的页面另存为新的 PDF。',
  },
  'pdf-page-too-large': {
    en: 'Page {page} of this PDF is unusually large ({width}×{height} cm). Export the document again at a normal paper size.',
    zh_CN: '此 PDF 第 {page} 页尺寸异常（{width}×{height} 厘米）。请按常规纸张尺寸重新导出。',
  },
  'invalid-options': {
    en: 'The settings are not valid: {detail}.',
    zh_CN: '设置无效：{detail}。',
  },
  'trace-failed': {
    en: 'The invisible trace code could not be added (the picture may be too small). No copy was made without it: use a larger picture, or turn the trace off in the settings.',
    zh_CN: '无法加入隐形追踪码（图片可能太小）。未生成不含追踪码的副本：请使用更大的图片，或在设置中关闭追踪。',
  },
};

export class StampError extends Error {
  override readonly name = 'StampError';
  constructor(
    readonly code: StampErrorCode,
    readonly params: Params = {},
  ) {
    super(formatMessage(code, params, 'en'));
  }
  localized(lang: Lang): string {
    return formatMessage(this.code, this.params, lang);
  }
}

export function formatMessage(code: StampErrorCode, params: Params, lang: Lang): string {
  const text = lang === 'en' || lang === 'zh_CN' ? MESSAGES[code][lang] : CORE_LOCALES[lang].errors[code];
  return text.replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params ? String(params[k]) : m,
  );
}

export const isStampError = (e: unknown): e is StampError =>
  e instanceof StampError ||
  (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'StampError');
