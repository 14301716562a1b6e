import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { HocbaError } from '@hocba/errors';
import { textProblem } from '@hocba/xapi';

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

/** A file that cannot be read as a table (import.unreadable_file, about the upload's field `file`). */
export class TableFormatError extends HocbaError<'import.unreadable_file'> {
  constructor(message: string) {
    super('import.unreadable_file', message, { field: 'file' });
  }
}

/**
 * What went wrong in a CSV row, by csv-parse's error code, in English and Vietnamese. The parser's
 * own messages quote the cell ('value is "Đỗ Thanh Hằng 0998…"'): a name or a CCCD that would reach
 * the log and the job's stored error. Ours are built from the code and the numbers only.
 */
const CSV_PROBLEMS: Record<string, { en: string; vi: string }> = {
  INVALID_OPENING_QUOTE: {
    en: 'a quote (") inside a cell that does not begin with one',
    vi: 'có dấu ngoặc kép (") giữa một ô không bắt đầu bằng dấu ngoặc kép',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    en: 'text after the closing quote of a quoted cell',
    vi: 'có ký tự sau dấu ngoặc kép đóng của một ô',
  },
  CSV_QUOTE_NOT_CLOSED: {
    en: 'a cell opens a quote (") that is never closed',
    vi: 'một ô mở dấu ngoặc kép (") mà không đóng lại',
  },
};

const SAVE_AGAIN = {
  en: 'save it again from Excel as "CSV UTF-8", or upload the .xlsx',
  vi: 'hãy lưu lại từ Excel dưới dạng "CSV UTF-8", hoặc tải lên tệp .xlsx',
};

/** A csv-parse error as a message naming the row and column (as a spreadsheet numbers them), never a cell's content. */
export function csvErrorMessage(error: unknown): string {
  if (!(error instanceof CsvError))
    return `the CSV file cannot be read; ${SAVE_AGAIN.en} / Không đọc được tệp CSV; ${SAVE_AGAIN.vi}`;
  const problem = CSV_PROBLEMS[error.code] ?? {
    en: 'the row cannot be read as CSV',
    vi: 'không đọc được dòng này theo định dạng CSV',
  };
  // `records` rows were read before the failing one; `index` is the 0-based field within it.
  const at = (row: string, column: string) =>
    [
      typeof error.records === 'number' ? `${row} ${error.records + 1}` : '',
      typeof error.index === 'number' ? `${column} ${error.index + 1}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  return (
    `the CSV file cannot be read at ${at('row', 'column')}: ${problem.en}; ${SAVE_AGAIN.en} / ` +
    `Không đọc được tệp CSV ở ${at('dòng', 'cột')}: ${problem.vi}; ${SAVE_AGAIN.vi}`
  );
}

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
  refuseUnstorableCells(table);
  return table;
}

/** A cell text cannot hold (NUL, a lone surrogate) is named by row and column, never quoted. */
function refuseUnstorableCells(table: Table): void {
  const rows = [{ row: table.headerRow, cells: table.header }, ...table.rows];
  for (const { row, cells } of rows) {
    for (let column = 0; column < cells.length; column++) {
      const problem = textProblem(cells[column]);
      if (problem)
        throw new TableFormatError(
          `the cell at row ${row}, column ${column + 1} ${problem} / ô ở dòng ${row}, cột ${column + 1} chứa ký tự không lưu được (NUL hoặc nửa cặp surrogate)`,
        );
    }
  }
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
    throw new TableFormatError(csvErrorMessage(error));
  }
  return fromRecords(records.map((cells, i) => ({ row: i + 1, cells, numeric: cells.map(() => false) })));
}

/** exceljs's messages may carry the sheet's text: none of it is passed on. */
const XLSX_UNREADABLE =
  'the file is not a readable XLSX workbook: save it again from Excel / tệp không phải một bảng tính XLSX đọc được: hãy lưu lại tệp từ Excel';

async function readXlsx(file: Buffer): Promise<Table> {
  try {
    return await readXlsxSheet(file);
  } catch (error) {
    if (error instanceof TableFormatError) throw error;
    throw new TableFormatError(XLSX_UNREADABLE);
  }
}

async function readXlsxSheet(file: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file);
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
