// What each warning means for the person: English and Chinese here, the other languages in
// src/core/locales/<lang>.ts.
import type { Lang } from './lang.ts';
import { CORE_LOCALES } from './locales/index.ts';
import type { WarningCode } from './report.ts';

const WARNINGS: Record<WarningCode, Record<'en' | 'zh_CN', string>> = {
  'reencoded-to-fit': {
    en: 'To meet the size limit the picture was re-encoded (slightly lower quality).',
    zh_CN: '为满足大小限制，图片已重新编码（画质略有降低）。',
  },
  'converted-to-png': {
    en: 'GIF and BMP pictures are saved as PNG.',
    zh_CN: 'GIF 和 BMP 图片会保存为 PNG。',
  },
  'converted-format': {
    en: 'HEIC, AVIF and TIFF pictures are saved as JPEG at high quality (black-and-white scans as PNG), which upload fields accept.',
    zh_CN: 'HEIC、AVIF 和 TIFF 图片会以高质量保存为 JPEG（黑白扫描件保存为 PNG），便于上传。',
  },
  converted: {
    en: 'The file was converted to the requested type.',
    zh_CN: '文件已转换为所需的类型。',
  },
  resized: {
    en: 'The picture was made smaller to meet the size limit.',
    zh_CN: '为满足大小限制，图片已缩小。',
  },
  'first-page-only': {
    en: 'Only the first page was turned into a picture.',
    zh_CN: '仅将第一页转换成了图片。',
  },
  'flattened-protected-pdf': {
    en: 'This PDF is locked against changes, so its pages were turned into pictures (text is no longer selectable).',
    zh_CN: '此 PDF 禁止修改，因此页面已转换为图片（文字不再可选）。',
  },
  'watermark-removable': {
    en: 'Keep-text mode: the text stays searchable, but anyone with a PDF editor can delete this watermark. Use flatten mode for a mark that cannot be removed.',
    zh_CN: '保留文字模式：文字仍可搜索，但任何人都能用 PDF 编辑器删除此水印。如需无法去除的水印，请使用扁平化模式。',
  },
  'flattened-for-redaction': {
    en: 'To black out the boxes you drew, the pages were turned into pictures (text is no longer selectable).',
    zh_CN: '为遮盖您画出的框，页面已转换为图片（文字不再可选）。',
  },
  'damaged-part-skipped': {
    en: 'A damaged part of the file that browsers skip was left out; the picture is as your browser shows it.',
    zh_CN: '文件中有浏览器会跳过的损坏部分，已将其略去；图片与浏览器中显示的一致。',
  },
  'page-downscaled': {
    en: 'A very large page was rendered at a lower resolution.',
    zh_CN: '一个超大页面以较低分辨率渲染。',
  },
  'end-marker-missing': {
    en: 'The file’s end marker was missing (perhaps from an interrupted copy); it was added, and the picture is as your browser shows it.',
    zh_CN: '文件缺少结尾标记（可能是复制时被中断）；已补上，图片与浏览器中显示的一致。',
  },
};

export const warningMessage = (code: WarningCode, lang: Lang): string =>
  lang === 'en' || lang === 'zh_CN' ? WARNINGS[code][lang] : CORE_LOCALES[lang].warnings[code];
