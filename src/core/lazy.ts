// A part of the code loaded when it is first needed (a chunk of the extension's own files).
import { StampError } from './errors.ts';

/**
 * `load`, once: later calls share its module. Should it fail (the extension was updated or
 * reloaded under an open page, and the page's chunk names are gone), the call gets a typed
 * error that tells the person what to do, and the next call tries again.
 */
export function lazyPart<T>(load: () => Promise<T>): () => Promise<T> {
  let part: Promise<T> | undefined;
  return () =>
    (part ??= load().catch(() => {
      part = undefined;
      throw new StampError('part-missing');
    }));
}
