// The upload guard, in every frame of every page (isolated world, document_start). It only
// watches: a trusted file choice or drop of images/PDFs, on a page where the settings say so,
// is held back, shown to the person in the prompt, and what they approve is handed on.
import { looksLikeVerification } from '../sites/verification.ts';
import { openPrompt } from './frame.ts';
import type { PromptAnswer, PromptMode } from './protocol.ts';
import { decide, guardSettings, GUARD_DEFAULTS, type GuardSettings } from './settings-lite.ts';
import { fieldLabels, pageInfo, signalsFor, statedMaxBytes } from './signals.ts';
import { dropFiles, putFiles } from './swap.ts';

export interface GuardEnv {
  window: Window;
  /** storage.local, read and watched for the settings. */
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    onChanged: { addListener(cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
  };
  promptUrl: string;
}

const DOCUMENT_TYPES = /^(image\/|application\/pdf$)/;
const DOCUMENT_NAMES = /\.(jpe?g|jfif|png|webp|gif|bmp|heic|heif|avif|tiff?|pdf)$/i;
export const isDocument = (f: File): boolean => DOCUMENT_TYPES.test(f.type) || DOCUMENT_NAMES.test(f.name);
const isImage = (f: File) => f.type.startsWith('image/') || /\.(jpe?g|jfif|png|webp|gif|bmp|heic|heif|avif|tiff?)$/i.test(f.name);

export function startGuard(env: GuardEnv): void {
  const win = env.window;
  let settings: GuardSettings = GUARD_DEFAULTS;
  void env.storage.get('settings').then((r) => (settings = guardSettings(r.settings)), () => undefined);
  env.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'settings' in changes) settings = guardSettings(changes.settings?.newValue);
  });

  /** Inputs and drop targets with a prompt open: their follow-up events are held too. */
  const holding = new WeakSet<EventTarget>();

  /** Shows the prompt for the documents among `files`; resolves with what the page should get. */
  const review = async (mode: PromptMode, files: File[], accept: string, labels: string[]): Promise<File[] | null> => {
    const docs = files.filter(isDocument);
    const answer: PromptAnswer = await openPrompt(win.document, env.promptUrl, {
      mode,
      files: docs,
      page: pageInfo(win.document),
      accept,
      maxBytes: statedMaxBytes(labels),
    }).catch(() => ({ type: 'original' }) as const);
    if (answer.type === 'cancel') return null;
    if (answer.type === 'original') return files;
    // Other files (a .docx next to a photo) pass untouched, in their place.
    const out = [...answer.files];
    return files.map((f) => (isDocument(f) ? (out.shift() ?? f) : f));
  };

  const decideFor = (target: Element, files: File[]) =>
    decide(settings, win.location.hostname, () => looksLikeVerification(signalsFor(target)), files.some(isImage));

  const onPick = (e: Event) => {
    if (!e.isTrusted) return; // page scripts' events, and our own re-dispatches, pass as they are
    const input = e.composedPath()[0];
    if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
    if (holding.has(input)) {
      e.stopImmediatePropagation();
      return;
    }
    const files = [...(input.files ?? [])];
    if (!files.some(isDocument)) return;
    const decision = decideFor(input, files);
    if (decision === 'pass') return;
    e.stopImmediatePropagation();
    holding.add(input);
    // Until the person decides, the page must not find the original in the field.
    input.value = '';
    void review(decision, files, input.accept, fieldLabels(input)).then((chosen) => {
      holding.delete(input);
      if (chosen) putFiles(input, chosen);
    });
  };

  const onDrop = (e: DragEvent) => {
    if (!e.isTrusted || !e.dataTransfer) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Element)) return;
    const files = [...e.dataTransfer.files];
    if (!files.some(isDocument)) return;
    const decision = decideFor(target, files);
    if (decision === 'pass') return;
    e.preventDefault(); // not the browser's default (opening the file) either
    e.stopImmediatePropagation();
    const at = { clientX: e.clientX, clientY: e.clientY };
    void review(decision, files, '', fieldLabels(target)).then((chosen) => {
      if (chosen && target.isConnected) dropFiles(target, chosen, at);
    });
  };

  win.addEventListener('input', onPick, true);
  win.addEventListener('change', onPick, true);
  win.addEventListener('drop', onDrop, true);
}
