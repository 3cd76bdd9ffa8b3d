// What an upload field accepts (its accept attribute) decides the output type: keep the
// file's type when it is accepted, otherwise convert to the first type the field takes.
import type { StampOptionsInput } from '../../core/options.ts';

type Output = NonNullable<StampOptionsInput['output']>;

const TYPES: Record<Exclude<Output, 'same'>, { mime: string; exts: string[] }> = {
  jpeg: { mime: 'image/jpeg', exts: ['.jpg', '.jpeg', '.jfif', '.jpe'] },
  png: { mime: 'image/png', exts: ['.png'] },
  webp: { mime: 'image/webp', exts: ['.webp'] },
  pdf: { mime: 'application/pdf', exts: ['.pdf'] },
};

/** Whether a field with this accept attribute takes a file of this MIME type and name. */
export function accepts(accept: string, mime: string, name = ''): boolean {
  const tokens = accept
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0) return true;
  const lower = name.toLowerCase();
  return tokens.some((t) => (t.startsWith('.') ? lower.endsWith(t) : t.endsWith('/*') ? mime.startsWith(t.slice(0, -1)) : t === mime));
}

/**
 * The output for a file of `kind` (our sniffed kind: jpeg, png, webp, gif, bmp, pdf…), or
 * undefined when the field takes none of the types we can write.
 */
export function outputFor(accept: string, kind: string): Output | undefined {
  const own = kind === 'gif' || kind === 'bmp' ? 'png' : kind; // what we write for it by default
  const fits = (o: Exclude<Output, 'same'>) => accepts(accept, TYPES[o].mime, `x${TYPES[o].exts[0]}`) || TYPES[o].exts.some((e) => accepts(accept, '', `x${e}`));
  if (own in TYPES && fits(own as Exclude<Output, 'same'>)) return 'same';
  // Pictures prefer pictures; a PDF prefers a picture only when the field takes no PDF.
  const order: Exclude<Output, 'same'>[] = kind === 'pdf' ? ['pdf', 'jpeg', 'png'] : ['jpeg', 'png', 'webp', 'pdf'];
  return order.find(fits);
}
