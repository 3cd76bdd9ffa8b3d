// "Which copy is this?": the invisible trace code read from a found file with this device's
// key. Apart from the key's storage (trace-key.ts), which the background imports: the reader
// and the decoders stay out of the background's bundle (and its build's worker files).
import { lazyPart } from '../core/lazy.ts';
import type { RawItem } from '../settings/store.ts';
import { traceKey, traceKeyItem } from './trace-key.ts';

/** The reader and the decoders load only when a found file is dropped. */
const pipeline = lazyPart(() => import('../core/pipeline.ts'));

/** The invisible trace code in a found file, read with this device's key (null: none it reads). */
export async function identifyCopy(file: Blob, item: RawItem = traceKeyItem): Promise<string | null> {
  const { identify } = await pipeline();
  return (await identify(file, await traceKey(item))).trace;
}
