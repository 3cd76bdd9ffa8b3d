// What the content script and the prompt frame say to each other. Files travel by
// postMessage (structured clone): runtime messaging would turn them into {} in Chrome.

export type PromptMode =
  /** Ask: preview, purpose, stamp / original / cancel. */
  | 'ask'
  /** The site is set to "always": stamp with the remembered purpose, no question. */
  | 'auto'
  /** "Remove metadata from every image": clean images, no watermark, no question. */
  | 'silent';

export interface PageInfo {
  url: string;
  /** In a cross-origin frame (a provider's widget), the origin of the page around it. */
  topOrigin: string;
  title: string;
  /** og:site_name, if any. */
  siteName: string;
  headings: string[];
}

export interface PromptInit {
  type: 'idstamp:init';
  /** Must equal the nonce in the frame's URL: only our content script knows it. */
  nonce: string;
  mode: PromptMode;
  files: File[];
  page: PageInfo;
  /** The field's accept attribute ('' for drops). */
  accept: string;
  /** A size limit the page states near the field, in bytes. */
  maxBytes?: number;
}

export type PromptAnswer =
  | { type: 'use'; files: File[] }
  | { type: 'original' }
  | { type: 'cancel' };

export const PROMPT_READY = 'idstamp:ready';
