import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One data row of an uploaded table: its row number as the spreadsheet shows it, and its cells as text. */
export interface TableRow {
  row: number;
  cells: string[];
  /** Which cells were numbers in the spreadsheet (Excel drops leading zeros of CCCDs and phones). */
  numeric: boolean[];
}

export interface Table {
  /** Header cells as written; row is the header's row number. */
  header: string[];
  headerRow: number;
  rows: TableRow[];
}

export class TableFormatError extends Error {}

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');

/**
 * Reads the first sheet of an XLSX file or a CSV file (UTF-8, comma or semicolon, with or without
 * BOM) into text cells. The header is the first non-empty row; empty rows are skipped. Refuses a
 * CSV that is not UTF-8 rather than guessing a legacy code page and garbling names.
 */
export async function readTable(file: Buffer, maxRows: number): Promise<Table> {
  const table = file.subarray(0, 4).equals(ZIP_MAGIC) ? await readXlsx(file) : readCsv(file);
  if (table.rows.length > maxRows)
    throw new TableFormatError(
      `the file has ${table.rows.length} rows; at most ${maxRows} are accepted in one import`,
    );
  return table;
}

function readCsv(file: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new TableFormatError(
      'the CSV file is not UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)" when saving, or upload the .xlsx',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel writes ";" where the decimal separator is ",", as in Vietnamese locales.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: false });
  } catch (error) {
    throw new TableFormatError(`the CSV file cannot be read: ${(error as Error).message}`);
  }
  return fromRecords(records.map((cells, i) => ({ row: i + 1, cells, numeric: cells.map(() => false) })));
}

async function readXlsx(file: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file);
  } catch {
    throw new TableFormatError('the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableFormatError('the workbook has no sheet');
  const records: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const numeric: boolean[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const value = cell.value;
      cells[col - 1] = cellText(value);
      numeric[col - 1] = typeof value === 'number';
    });
    for (let i = 0; i < cells.length; i++) {
      cells[i] ??= '';
      numeric[i] ??= false;
    }
    records.push({ row: rowNumber, cells, numeric });
  });
  return fromRecords(records);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return '';
  return '';
}

function fromRecords(records: TableRow[]): Table {
  const isEmpty = (r: TableRow) => r.cells.every((c) => c.trim() === '');
  const headerIndex = records.findIndex((r) => !isEmpty(r));
  if (headerIndex < 0) throw new TableFormatError('the file is empty');
  const header = records[headerIndex];
  return {
    header: header.cells.map((c) => c.trim()),
    headerRow: header.row,
    rows: records.slice(headerIndex + 1).filter((r) => !isEmpty(r)),
  };
}
