// Output file names: the input's (extension fixed when the type changed or was wrong), or a
// neutral one that does not repeat what a camera or a person wrote ("passport_john.jpg").

/** `exts`: the output type's extensions, preferred first (e.g. ["jpg", "jpeg", "jfif"]). */
export function outputName(inputName: string, exts: readonly string[], naming: 'keep' | 'neutral', code: string): string {
  const preferred = exts[0] ?? 'bin';
  if (naming === 'neutral') return `document-${code.replace(/[^A-Z0-9]/gi, '')}.${preferred}`;
  const file = inputName.split(/[\\/]/).pop() ?? '';
  const m = /^(.*)\.([A-Za-z0-9]{1,5})$/.exec(file);
  const base = (m ? m[1] : file) || 'image';
  const ext = m?.[2];
  return ext && exts.includes(ext.toLowerCase()) ? `${base}.${ext}` : `${base}.${preferred}`;
}

export const EXTENSIONS: Record<string, readonly string[]> = {
  jpeg: ['jpg', 'jpeg', 'jfif', 'jpe'],
  png: ['png'],
  webp: ['webp'],
  pdf: ['pdf'],
};
