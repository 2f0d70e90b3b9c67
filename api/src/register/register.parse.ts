// Reading a register file into rows of text: CSV (UTF-8 with or without BOM, or GB18030, what
// Excel in China writes) and XLSX. What the rows mean is register.rules.ts's business.
import { Readable } from 'node:stream';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { badInput } from '../shared/errors.js';
import { MAX_ROWS, type SheetRow } from './register.rules.js';

export interface Sheet {
  /** How it was read, e.g. "CSV (GB18030)", "XLSX". */
  format: string;
  rows: SheetRow[];
}

/** Rows read past the limit: enough for the rules to say "too many", without holding a huge file in memory. */
const ROW_CAP = MAX_ROWS + 100;

const fileError = (message: string) => badInput('file', message);

const startsWith = (bytes: Buffer, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Text from bytes: strict UTF-8 first (a BOM is dropped), and GB18030 when the bytes are not UTF-8. */
export function decodeText(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'GB18030' } {
  const body = startsWith(bytes, 0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'GB18030' };
  }
}

/** The separator the header line uses most: comma, tab (Excel's "Unicode text") or semicolon. */
function delimiterOf(text: string): string {
  const line = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, line.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function readCsv(bytes: Buffer): Sheet {
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: ROW_CAP,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const where = (error as CsvError & { lines?: number }).lines;
      throw fileError(
        `The CSV file could not be read${where ? ` (near line ${where})` : ''}: ${error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : error.message}.`,
      );
    }
    throw error;
  }
  return { format: `CSV (${encoding})`, rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}

type CellValue = ExcelJS.CellValue;

/** A cell as the text a person sees in it. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // Floating point: 89.45 must not come back as 89.45000000000002.
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
    if ('text' in value) return cellText((value as { text: CellValue }).text);
    if ('error' in value) return String((value as { error: string }).error);
  }
  return String(value as unknown);
}

/** The first worksheet, streamed row by row (a 20,000-row workbook is not held as a whole object model). */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const rows: SheetRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (rows.length >= ROW_CAP) break;
        const values = row.values as CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
        rows.push({ row: row.number, cells });
      }
      break;
    }
  } catch (error) {
    throw fileError(`The XLSX workbook could not be read (${error instanceof Error ? error.message.slice(0, 120) : 'damaged'}).`);
  }
  return { format: 'XLSX', rows };
}

/** Decides the type by the bytes, never by the name. */
export async function readRegisterFile(bytes: Buffer): Promise<Sheet> {
  if (bytes.length === 0) throw fileError('The file is empty.');
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return readXlsx(bytes);
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw fileError('This is an old Excel .xls workbook: save it as .xlsx or as CSV and import that.');
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) throw fileError('This text is UTF-16: save it as CSV (UTF-8) and import that.');
  const sample = bytes.subarray(0, 4096);
  let binary = 0;
  for (const b of sample) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) binary++;
  if (binary > 8 && binary > sample.length / 100) throw fileError('This is neither a CSV file nor an XLSX workbook.');
  return readCsv(bytes);
}
