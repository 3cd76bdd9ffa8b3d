// exiftool is the oracle that an output is clean: everything it reports must be structure
// (size, encoding, colour) and nothing that says who, where, when or with what.
import { execFileSync } from 'node:child_process';

export type Tags = Record<string, unknown>;

/** All tags, as "Group:Tag" keys (exiftool -G1 -a), plus exiftool's warnings. */
export function exiftool(file: string): Tags {
  const out = execFileSync('exiftool', ['-j', '-G1', '-a', '-u', '-n', file], { encoding: 'utf8' });
  return (JSON.parse(out) as Tags[])[0]!;
}

/** Groups that only describe the file and how to decode its pixels. */
const STRUCTURE_GROUPS = new Set(['ExifTool', 'System', 'File', 'JFIF', 'Composite', 'ICC-header', 'ICC_Profile', 'ICC-meas', 'ICC-view', 'APP14', 'Adobe']);
/** Structural tags in groups that can also carry metadata (PNG text chunks, RIFF chunks). */
const STRUCTURE_TAGS: Record<string, Set<string>> = {
  PNG: new Set([
    'ImageWidth',
    'ImageHeight',
    'BitDepth',
    'ColorType',
    'Compression',
    'Filter',
    'Interlace',
    'SRGBRendering',
    'Gamma',
    'WhitePointX',
    'WhitePointY',
    'RedX',
    'RedY',
    'GreenX',
    'GreenY',
    'BlueX',
    'BlueY',
    'ProfileName',
    'Palette',
    'Transparency',
    'SignificantBits',
  ]),
  RIFF: new Set(['VP8Version', 'ImageWidth', 'ImageHeight', 'HorizontalScale', 'VerticalScale', 'WebP_Flags', 'AlphaPreprocessing', 'AlphaFiltering', 'AlphaCompression']),
  PDF: new Set(['PDFVersion', 'Linearized', 'PageCount']),
  GIF: new Set(['GIFVersion', 'ImageWidth', 'ImageHeight', 'HasColorMap', 'ColorResolutionDepth', 'BitsPerPixel', 'BackgroundColor']),
};

/**
 * The tags that should not be in a cleaned file. With allowOrientation, IFD0:Orientation
 * (the orientation-only EXIF of strip mode) is accepted.
 */
export function leftovers(tags: Tags, { allowOrientation = false } = {}): string[] {
  const bad: string[] = [];
  for (const key of Object.keys(tags)) {
    if (key === 'SourceFile') continue;
    const [group, tag] = key.includes(':') ? (key.split(':') as [string, string]) : ['', key];
    if (group === 'ExifTool' && tag === 'Warning') {
      bad.push(`${key}=${String(tags[key])}`); // e.g. "Trailer data after JPEG EOI"
      continue;
    }
    if (group === 'File' && tag === 'Comment') bad.push(key);
    else if (STRUCTURE_GROUPS.has(group)) continue;
    else if (STRUCTURE_TAGS[group]?.has(tag)) continue;
    else if (allowOrientation && group === 'IFD0' && tag === 'Orientation') continue;
    else bad.push(`${key}=${String(tags[key]).slice(0, 40)}`);
  }
  return bad;
}
