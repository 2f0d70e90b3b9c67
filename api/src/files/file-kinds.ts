import { inflateRawSync } from 'node:zlib';

/**
 * What an upload is, decided from its bytes alone: the client's file name and Content-Type are
 * whatever the client says. Each kind reads just enough of the file to be sure; a new kind is one
 * more entry in KINDS.
 */
export interface FileKind {
  id: FileKindId;
  /** As the refusal names it: "a spreadsheet (XLSX)". */
  description: string;
  /** The content type to record for these bytes, or null when they are not of this kind. */
  detect(bytes: Uint8Array): string | null;
}

export type FileKindId = 'xlsx' | 'text' | 'jpeg' | 'png' | 'webp' | 'heic' | 'pdf';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_MAIN_PART = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

// --- XLSX: a ZIP whose [Content_Types].xml declares a workbook ------------------------------------

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** [Content_Types].xml is a few KB; past this it is not one Excel or LibreOffice writes (or a zip bomb). */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

/** One entry's uncompressed bytes, found through the central directory; null when the zip is not readable. */
export function zipEntry(bytes: Uint8Array, wanted: string): Buffer | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL_HEADER) return null;
  // The end record sits in the last 22 bytes plus a comment of at most 64 KB.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  // ZIP64 (0xffff / 0xffffffff here) is for archives far beyond the upload limit: not read.
  if (count === 0xffff || at === 0xffffffff || count > MAX_ENTRIES) return null;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL_HEADER) return null;
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('latin1', at + 46, at + 46 + nameLength);
    at = next;
    if (name !== wanted) continue;
    if (flags & 1 || size > MAX_CONTENT_TYPES_BYTES) return null; // encrypted, or not a real one
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL_HEADER) return null;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressedSize > buf.length) return null;
    const data = buf.subarray(start, start + compressedSize);
    try {
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES });
    } catch {
      return null;
    }
    return null;
  }
  return null;
}

const xlsx: FileKind = {
  id: 'xlsx',
  description: 'a spreadsheet (XLSX)',
  detect(bytes) {
    const contentTypes = zipEntry(bytes, '[Content_Types].xml');
    return contentTypes?.toString('utf8').includes(XLSX_MAIN_PART) ? XLSX_CONTENT_TYPE : null;
  },
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

// --- Text: CSV as Excel, WPS and the property companies' systems write it --------------------------

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * Control characters other than tab, line feed, form feed and carriage return do not occur in
 * text; one Ctrl-Z at the very end (an old DOS end-of-file mark) does.
 */
const NOT_TEXT = /[\x01-\x08\x0B\x0E-\x19\x1B-\x1F\x7F]|\x1A(?!$)/;

/**
 * The text in `bytes` and how it was encoded, or null when it is not text: no NUL byte, and
 * well-formed UTF-8 (a BOM is dropped) or else well-formed GB18030 (what Excel saves in China).
 * UTF-8 is tried first: ASCII is both, and GB18030 accepts most byte pairs.
 */
export function decodeText(bytes: Uint8Array): { encoding: TextEncoding; text: string } | null {
  if (bytes.includes(0)) return null;
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    return NOT_TEXT.test(text) ? null : { encoding, text };
  }
  return null;
}

const text: FileKind = {
  id: 'text',
  description: 'a CSV text file',
  detect(bytes) {
    // A PDF cut off before its end is plain ASCII: refused as a PDF, and no register either.
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return null;
    const decoded = decodeText(bytes);
    return decoded ? `text/csv; charset=${decoded.encoding}` : null;
  },
};

// --- Images and PDF: attachments (photos of a leak, a quotation) --------------------------------------

const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', from, to);

const jpeg: FileKind = { id: 'jpeg', description: 'a JPEG image', detect: (b) => (startsWith(b, [0xff, 0xd8, 0xff]) ? 'image/jpeg' : null) };
const png: FileKind = {
  id: 'png',
  description: 'a PNG image',
  detect: (b) => (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? 'image/png' : null),
};
const webp: FileKind = {
  id: 'webp',
  description: 'a WebP image',
  detect: (b) => (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' ? 'image/webp' : null),
};

/** HEVC-coded HEIF brands (what iPhones write); AVIF (also HEIF, brand avif) is not taken. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

/** ISO base media `ftyp` box: major brand, then compatible brands; an HEIC file names an HEVC brand in either. */
const heic: FileKind = {
  id: 'heic',
  description: 'an HEIC photo (iPhone)',
  detect(b) {
    if (b.length < 16 || ascii(b, 4, 8) !== 'ftyp') return null;
    const size = Buffer.from(b.buffer, b.byteOffset, b.byteLength).readUInt32BE(0);
    if (size < 16 || size > Math.min(b.length, 4096) || size % 4 !== 0) return null;
    const brands = [ascii(b, 8, 12)];
    for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(b, at, at + 4));
    return brands.some((brand) => HEIC_BRANDS.has(brand)) ? 'image/heic' : null;
  },
};

/** `%PDF-` first, `%%EOF` in the last KB: a cut-off upload is refused rather than stored half. */
const pdf: FileKind = {
  id: 'pdf',
  description: 'a PDF document',
  detect(b) {
    if (!startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return null;
    return ascii(b, Math.max(0, b.length - 1024), b.length).includes('%%EOF') ? 'application/pdf' : null;
  },
};

/** In the order they are tried: the more specific first. */
export const KINDS: readonly FileKind[] = [jpeg, png, webp, heic, pdf, xlsx, text];

/** What the register import reads. */
export const SPREADSHEET_KINDS: readonly FileKindId[] = ['xlsx', 'text'];
/** Photos, processed on upload (images.ts). */
export const IMAGE_KINDS: readonly FileKindId[] = ['jpeg', 'png', 'webp', 'heic'];
/** What may be attached to a ticket, a proposal, a comment…: photos and PDF documents. */
export const ATTACHMENT_KINDS: readonly FileKindId[] = [...IMAGE_KINDS, 'pdf'];
/** What the upload endpoint takes: the register's spreadsheets and attachments. */
export const ACCEPTED_KINDS: readonly FileKindId[] = [...ATTACHMENT_KINDS, ...SPREADSHEET_KINDS];

export const isImageKind = (kind: string): boolean => (IMAGE_KINDS as readonly string[]).includes(kind);

export function sniff(bytes: Uint8Array, accepted: readonly FileKindId[] = SPREADSHEET_KINDS): { kind: FileKindId; contentType: string } | null {
  for (const kind of KINDS) {
    if (!accepted.includes(kind.id)) continue;
    const contentType = kind.detect(bytes);
    if (contentType) return { kind: kind.id, contentType };
  }
  return null;
}

/** "The file is neither a spreadsheet (XLSX) nor a CSV text file." */
export function refusal(accepted: readonly FileKindId[] = SPREADSHEET_KINDS): string {
  const names = KINDS.filter((k) => accepted.includes(k.id)).map((k) => k.description);
  if (names.length === 1) return `The file is not ${names[0]}.`;
  if (names.length === 2) return `The file is neither ${names[0]} nor ${names[1]}.`;
  return `The file is not any of: ${names.join(', ')}.`;
}
