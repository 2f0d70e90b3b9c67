import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { cellText, decodeText, readRegisterFile } from './register.parse.js';
import { readRegister } from './register.rules.js';

const CSV = '房号,专有部分面积,业主姓名,手机号\n3-2-1201,89.5,王芳,13812345678\n"3-2-1202","70.25","李, 强","+86 139 0000 0001"\n';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading register files', () => {
  it('UTF-8 without and with a BOM', async () => {
    for (const bytes of [Buffer.from(CSV), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])]) {
      const sheet = await readRegisterFile(bytes);
      expect(sheet.format).toBe('CSV (UTF-8)');
      expect(sheet.rows[0]!.cells).toEqual(['房号', '专有部分面积', '业主姓名', '手机号']);
      expect(sheet.rows[2]!.cells).toEqual(['3-2-1202', '70.25', '李, 强', '+86 139 0000 0001']);
      expect(readRegister(sheet.rows).problems).toEqual([]);
    }
  });

  it('GB18030, when the bytes are not UTF-8', async () => {
    const sheet = await readRegisterFile(iconv.encode(CSV, 'gb18030'));
    expect(sheet.format).toBe('CSV (GB18030)');
    expect(sheet.rows[1]!.cells[2]).toBe('王芳');
    expect(decodeText(iconv.encode('𠀀业主', 'gb18030'))).toEqual({ text: '𠀀业主', encoding: 'GB18030' });
  });

  it('tab- and semicolon-separated text', async () => {
    for (const d of ['\t', ';']) {
      const sheet = await readRegisterFile(Buffer.from(CSV.replaceAll(',', d).replace(`"李${d} 强"`, '"李, 强"')));
      expect(sheet.rows[1]!.cells).toEqual(['3-2-1201', '89.5', '王芳', '13812345678']);
    }
  });

  it('XLSX, with numbers, rich text and formulas as the text a person sees', async () => {
    const bytes = await xlsx([
      ['房号', '面积', '姓名', '手机'],
      ['3-2-1201', 89.45, { richText: [{ text: '王' }, { text: '芳' }] }, 13812345678],
      ['3-2-1202', { formula: '70+0.25', result: 70.25 }, '李强', '13900000001'],
    ]);
    const sheet = await readRegisterFile(bytes);
    expect(sheet.format).toBe('XLSX');
    expect(sheet.rows.map((r) => r.cells)).toEqual([
      ['房号', '面积', '姓名', '手机'],
      ['3-2-1201', '89.45', '王芳', '13812345678'],
      ['3-2-1202', '70.25', '李强', '13900000001'],
    ]);
  });

  it('cell values: floating point noise is gone, dates are days', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('TRUE');
  });

  it.each([
    ['empty', Buffer.alloc(0), /empty/],
    ['old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.xls/],
    ['UTF-16', Buffer.from('\ufeff房号', 'utf16le'), /UTF-16/],
    ['binary', Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 7)), /neither/],
    ['a damaged workbook', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]), /XLSX workbook could not be read/],
    ['an unclosed quote', Buffer.from('房号,面积\n"3-2-1201,89\n'), /quoted cell is never closed/],
  ])('%s is refused with a clear error', async (_what, bytes, message) => {
    await expect(readRegisterFile(bytes)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
  });

  it('a NUL inside a cell is a problem on that cell, not a refused file', async () => {
    const sheet = await readRegisterFile(Buffer.from('房号,面积,姓名,手机\n3-2-1201,89,王\u0000芳,13812345678\n'));
    expect(readRegister(sheet.rows).problems).toEqual([expect.objectContaining({ row: 2, column: '姓名', reason: 'CONTROL_CHARACTER' })]);
  });
});
