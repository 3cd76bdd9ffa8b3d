// Output file names: the input's with what was done to it ("passport-stamped.jpg",
// "passport-clean.jpg", so the copies and the original are told apart at upload time), the
// input's as it is, or a neutral one that does not repeat what a camera or a person wrote
// ("passport_john.jpg"). The extension is fixed when the type changed or was wrong.

export type Naming = 'suffix' | 'keep' | 'neutral';

/** `exts`: the output type's extensions, preferred first (e.g. ["jpg", "jpeg", "jfif"]). */
export function outputName(inputName: string, exts: readonly string[], naming: Naming, code: string, mode: 'stamp' | 'strip' = 'stamp'): string {
  const preferred = exts[0] ?? 'bin';
  if (naming === 'neutral') return `document-${code.replace(/[^A-Z0-9]/gi, '')}.${preferred}`;
  const file = inputName.split(/[\\/]/).pop() ?? '';
  const m = /^(.*)\.([A-Za-z0-9]{1,5})$/.exec(file);
  let base = (m ? m[1] : file) || 'image';
  // Stamping a copy again does not pile up suffixes ("a-stamped-stamped").
  if (naming === 'suffix') base = `${base.replace(/-(stamped|clean)$/, '')}-${mode === 'stamp' ? 'stamped' : 'clean'}`;
  const ext = m?.[2];
  return ext && exts.includes(ext.toLowerCase()) ? `${base}.${ext}` : `${base}.${preferred}`;
}

export const EXTENSIONS: Record<string, readonly string[]> = {
  jpeg: ['jpg', 'jpeg', 'jfif', 'jpe'],
  png: ['png'],
  webp: ['webp'],
  pdf: ['pdf'],
};
