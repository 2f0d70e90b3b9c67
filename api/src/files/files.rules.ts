import { cleanText, codePointLength } from '../shared/text.js';

export const FILE_NAME_MAX = 255;
export const FALLBACK_FILE_NAME = 'file';

/**
 * Control characters (C0, DEL, C1), the bidirectional overrides and isolates that make
 * "invoice‮gpj.exe" read as "invoiceexe.jpg", and halves of surrogate pairs (not storable text).
 */
const UNWANTED = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A short extension after the last dot, kept when a long name is cut. */
const EXTENSION = /\.[\p{L}\p{N}]{1,16}$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` of at most `max` code points that does not split a character. */
function cut(text: string, max: number): string {
  let out = '';
  let length = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = codePointLength(segment);
    if (length + n > max) break;
    out += segment;
    length += n;
  }
  return out;
}

/**
 * The client's file name as it may be stored and shown: only its last path part (a name is never
 * a path), no control or direction-changing characters, trimmed, in NFC (macOS sends names
 * decomposed), at most 255 code points with the extension kept; 'file' when nothing is left.
 */
export function cleanFileName(raw: string | null | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = cleanText(base.replace(UNWANTED, '').normalize('NFC'));
  if (/^\.*$/.test(name)) return FALLBACK_FILE_NAME;
  if (codePointLength(name) > FILE_NAME_MAX) {
    const extension = EXTENSION.exec(name)?.[0] ?? '';
    name = cleanText(cut(name.slice(0, name.length - extension.length), FILE_NAME_MAX - codePointLength(extension))) + extension;
  }
  return name || FALLBACK_FILE_NAME;
}
