import ExcelJS from 'exceljs';
import { percent, PERCENT_NUMBER_FORMAT } from '@hocba/units';

export type Cell = string | number | null | undefined;

/** A table to export: a title line (definitions, data time) above the header, then rows. */
export interface ExportTable {
  sheetName: string;
  /** Lines written above the header (what the figures mean, when the data is from). */
  notes?: string[];
  header: string[];
  rows: Cell[][];
  /** Columns kept as text in Excel (CCCD, phone: no lost leading zeros). */
  textColumns?: number[];
  /**
   * Columns of rates, given as fractions (0.696): numbers with a percentage format in XLSX, so
   * they can be summed and charted; "69,6%" in CSV, which has no formats.
   */
  percentColumns?: number[];
}

/**
 * A cell that starts with = + - @ (or a tab or CR) is a formula to Excel: prefix it with an
 * apostrophe so a learner named "=HYPERLINK(...)" stays text (CSV injection). Numbers stay numbers.
 */
export function safeCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV as Excel opens it correctly: UTF-8 with a BOM, CRLF line ends, comma separated. */
export function toCsv(table: ExportTable): Buffer {
  const rates = new Set(table.percentColumns ?? []);
  const rows = table.rows.map((cells) =>
    cells.map((c, i) => (rates.has(i) && typeof c === 'number' ? percent(c) : c)),
  );
  const lines = [...(table.notes ?? []).map((n) => [n]), table.header, ...rows].map((cells) =>
    cells.map((c) => csvField(safeCell(c))).join(','),
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** One or more tables as an XLSX workbook, a sheet each, header bold and frozen. */
export async function toXlsx(tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hocba';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31));
    for (const note of table.notes ?? []) sheet.addRow([safeCell(note)]);
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: header.number }];
    for (const col of table.textColumns ?? []) sheet.getColumn(col + 1).numFmt = '@';
    for (const row of table.rows) {
      // Nothing is an empty cell, not an empty text: a rate of no one is blank, not a string among numbers.
      const added = sheet.addRow(
        row.map((c) => (c === null || c === undefined ? null : typeof c === 'number' ? c : safeCell(c))),
      );
      for (const col of table.percentColumns ?? [])
        if (typeof row[col] === 'number') added.getCell(col + 1).numFmt = PERCENT_NUMBER_FORMAT;
    }
    table.header.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.min(40, Math.max(12, h.length + 4))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * A table as the download a client asked for: sets the reply's type and file name (`baseName`
 * plus the format's extension) and returns the bytes. Any reply with `header()` fits (Fastify's).
 */
export function tableDownload(
  reply: { header(name: string, value: string): unknown },
  format: 'csv' | 'xlsx',
  baseName: string,
  table: ExportTable,
): Promise<Buffer> | Buffer {
  reply.header('Content-Type', format === 'csv' ? CSV_TYPE : XLSX_TYPE);
  reply.header('Content-Disposition', `attachment; filename="${baseName}.${format}"`);
  return format === 'csv' ? toCsv(table) : toXlsx([table]);
}
