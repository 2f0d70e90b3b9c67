import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { ACCEPTED_KINDS, ATTACHMENT_KINDS, decodeText, refusal, sniff, XLSX_CONTENT_TYPE, zipEntry } from './file-kinds.js';

/** A zip with the given entries, deflated or stored, written the way any zip tool writes one. */
function zip(entries: Record<string, string>, method: 0 | 8 = 8): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const raw = Buffer.from(text);
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="${main}"/></Types>`;
const WORKBOOK = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

async function excelWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('业主名册').addRows([
    ['房号', '专有部分面积', '业主姓名', '手机号'],
    ['1-1-101', 88.5, '张三', '13800000000'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2c7e10000000049454e44ae426082',
  'hex',
);

describe('sniff', () => {
  it('knows an XLSX by its bytes: exceljs’s, deflated or stored, whatever it is called', async () => {
    expect(sniff(await excelWorkbook())).toEqual({ kind: 'xlsx', contentType: XLSX_CONTENT_TYPE });
    expect(sniff(zip({ '[Content_Types].xml': contentTypes(WORKBOOK), 'xl/workbook.xml': '<workbook/>' }, 0))?.kind).toBe('xlsx');
    expect(sniff(zip({ 'xl/workbook.xml': '<workbook/>', '[Content_Types].xml': contentTypes(WORKBOOK) }, 8))?.kind).toBe('xlsx');
  });

  it('refuses other zips: a Word document, a macro workbook, a zip without content types, a cut-off file', async () => {
    expect(sniff(zip({ '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') }))).toBeNull();
    expect(sniff(zip({ '[Content_Types].xml': contentTypes('application/vnd.ms-excel.sheet.macroEnabled.main+xml') }))).toBeNull();
    expect(sniff(zip({ 'notes.txt': WORKBOOK }))).toBeNull();
    const workbook = await excelWorkbook();
    expect(sniff(workbook.subarray(0, workbook.length - 30))).toBeNull();
    expect(sniff(workbook.subarray(0, 200))).toBeNull();
  });

  it('reads a zip entry only through the central directory, within bounds', () => {
    const archive = zip({ 'a.txt': 'hello' });
    expect(zipEntry(archive, 'a.txt')?.toString()).toBe('hello');
    expect(zipEntry(archive, 'b.txt')).toBeNull();
    const lying = Buffer.from(archive);
    lying.writeUInt32LE(0xfffff, lying.length - 6); // central directory offset past the end
    expect(zipEntry(lying, 'a.txt')).toBeNull();
    expect(zipEntry(Buffer.from('PK\x03\x04'), 'a.txt')).toBeNull();
  });

  it('refuses a [Content_Types].xml that inflates past 1 MB (a zip bomb)', () => {
    const bomb = zip({ '[Content_Types].xml': contentTypes(WORKBOOK) + ' '.repeat(2 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(10_000);
    expect(sniff(bomb)).toBeNull();
  });

  it('takes CSV text in UTF-8, with or without a BOM, and in GB18030', () => {
    const csv = '房号,专有部分面积,业主姓名\r\n1-1-101,88.50,张三\r\n';
    expect(sniff(Buffer.from(csv))).toEqual({ kind: 'text', contentType: 'text/csv; charset=utf-8' });
    expect(sniff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))?.contentType).toBe('text/csv; charset=utf-8');
    // 楼栋,房号 as Excel in China saves it.
    const gb = Buffer.from([0xc2, 0xa5, 0xb6, 0xb0, 0x2c, 0xb7, 0xbf, 0xba, 0xc5, 0x0d, 0x0a]);
    expect(sniff(gb)?.contentType).toBe('text/csv; charset=gb18030');
    expect(decodeText(gb)).toEqual({ encoding: 'gb18030', text: '楼栋,房号\r\n' });
    expect(decodeText(Buffer.from('a,b\n\x1A'))?.text).toBe('a,b\n\x1A');
  });

  it('refuses binary: NUL bytes, control characters, bytes that are neither UTF-8 nor GB18030, a PNG', () => {
    expect(sniff(Buffer.from('a,b\0c'))).toBeNull();
    expect(sniff(Buffer.from('a,b\x07c'))).toBeNull();
    expect(sniff(Buffer.from('a\x1Ab'))).toBeNull();
    expect(sniff(Buffer.from([0x61, 0xff, 0x62]))).toBeNull();
    expect(sniff(Buffer.from([0x61, 0x81, 0x20]))).toBeNull();
    expect(sniff(PNG)).toBeNull();
  });

  it('tries only the kinds a caller accepts, and names them when it refuses', async () => {
    expect(sniff(await excelWorkbook(), ['text'])).toBeNull();
    expect(refusal()).toBe('The file is neither a spreadsheet (XLSX) nor a CSV text file.');
    expect(refusal(['text'])).toBe('The file is not a CSV text file.');
  });

  it('knows photos and PDFs by their bytes: JPEG, PNG, WebP, HEIC (not AVIF), a whole PDF (not a cut-off one)', () => {
    const heic = fs.readFileSync(new URL('./fixtures/photo.heic', import.meta.url));
    const ftyp = (major: string, ...compatible: string[]) => {
      const box = Buffer.alloc(16 + 4 * compatible.length);
      box.writeUInt32BE(box.length, 0);
      box.write(`ftyp${major}`, 4, 'latin1');
      compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
      return Buffer.concat([box, Buffer.alloc(64)]);
    };
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const cases: [Buffer, string | undefined][] = [
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
      [PNG, 'image/png'],
      [Buffer.concat([Buffer.from('RIFF\x10\0\0\0WEBPVP8 '), Buffer.alloc(8)]), 'image/webp'],
      [heic, 'image/heic'],
      [ftyp('mif1', 'mif1', 'heic'), 'image/heic'],
      [ftyp('avif', 'mif1', 'avif'), undefined],
      [ftyp('isom', 'mp41'), undefined],
      [pdf, 'application/pdf'],
      [pdf.subarray(0, 20), undefined],
      [Buffer.from('GIF89a\x01\0\x01\0'), undefined],
    ];
    for (const [bytes, contentType] of cases) expect(sniff(bytes, ATTACHMENT_KINDS)?.contentType).toBe(contentType);
    // The register import still takes only spreadsheets.
    expect(sniff(PNG)).toBeNull();
    expect(sniff(PNG, ACCEPTED_KINDS)?.kind).toBe('png');
    expect(sniff(pdf.subarray(0, 20), ACCEPTED_KINDS)).toBeNull();
    expect(refusal(ATTACHMENT_KINDS)).toBe('The file is not any of: a JPEG image, a PNG image, a WebP image, an HEIC photo (iPhone), a PDF document.');
  });
});
