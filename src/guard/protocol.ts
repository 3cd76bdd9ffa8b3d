// What the guard's parts say to each other. Files travel by postMessage (structured clone) to a
// framed prompt; runtime messaging (JSON in Chrome) carries them as base64 only to a prompt in
// its own window. Whether a prompt may work at all is decided by the background (broker.ts):
// a one-time token that our content script registers and the prompt redeems.

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

/** What the content script registers with the background (the page's address comes from the browser). */
export interface PromptJob {
  mode: PromptMode;
  page: PageInfo;
  /** The field's accept attribute ('' for drops). */
  accept: string;
  /** A size limit the page states near the field, in bytes. */
  maxBytes?: number;
  /** The page's own text says it declines watermarked photos ("no watermarks", "请勿添加水印"). */
  declinesWatermarks?: boolean;
}

/** The content script's message to a framed prompt, with a MessagePort. */
export interface PromptInit {
  type: 'idstamp:init';
  token: string;
  files: File[];
}

export type PromptAnswer =
  /** `toast`: what the page-side notice says (fixed wording, nothing private); `linger`: the prompt stays for its confirmation. */
  { type: 'use'; files: File[]; toast?: string; linger?: boolean } | { type: 'original' } | { type: 'cancel' };

/** A prompt that could not do its work: the page gets nothing and the person is told. */
export type PromptFailure = { type: 'failed'; reason: FailReason };
export type FailReason = 'removed' | 'not-loaded' | 'unresponsive' | 'no-window' | 'error';

/** From the framed prompt to the content script, over the port (besides a PromptAnswer). */
export const PROMPT_READY = 'idstamp:ready';
export const PROMPT_ALIVE = 'idstamp:alive';
/** The prompt cannot confirm it is visible: show it in a window of its own instead. */
export const PROMPT_TO_WINDOW = 'idstamp:window';
/** After a 'use' answer with `linger`: the person has seen the confirmation, close the prompt. */
export const PROMPT_CLOSE = 'idstamp:close';
/** From the content script: the frame moved or changed size (clicks wait again). */
export const PROMPT_MOVED = 'idstamp:moved';

/** Runtime messages (content script / prompt ↔ background, prompt window → content script). */
export type GuardMessage =
  | { t: 'guard:register'; job: PromptJob }
  | { t: 'guard:redeem'; token: string }
  | { t: 'guard:window'; token: string }
  | { t: 'guard:failed'; reason: FailReason }
  /** `linger`: a window prompt shows its confirmation and closes itself (removed later at the latest). */
  | { t: 'guard:done'; token: string; linger?: boolean }
  | { t: 'guard:notice' }
  | { t: 'guard:files'; token: string }
  | { t: 'guard:answer'; token: string; answer: WireAnswer };

/** A redeemed job: what the prompt may use, with the address the browser reported. */
export interface RedeemedJob extends PromptJob {
  tabId: number;
  frameId: number;
  /** True when the prompt is in its own window (files come over runtime messaging). */
  inWindow: boolean;
}

export interface WireFile {
  name: string;
  type: string;
  lastModified: number;
  base64: string;
}
export type WireAnswer = { type: 'use'; files: WireFile[]; toast?: string } | { type: 'original' } | { type: 'cancel' };

export async function toWire(f: File): Promise<WireFile> {
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as string);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });
  return { name: f.name, type: f.type, lastModified: f.lastModified, base64: url.slice(url.indexOf(',') + 1) };
}

export function fromWire(w: WireFile): File {
  const bin = atob(w.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new File([bytes], w.name, { type: w.type, lastModified: w.lastModified });
}
