import ExcelJS from 'exceljs';

/** One cell of a rate column in an exported workbook, as Excel holds it. */
export interface RateCell {
  column: string;
  /** The text of the row's label column (the province, the cohort…). */
  row: string;
  type: ExcelJS.ValueType;
  numFmt: string | undefined;
  value: ExcelJS.CellValue;
}

/**
 * Every non-empty cell under a header that starts with "Tỷ lệ" in a sheet: the header row is the
 * first whose cell in `labelColumn` (1-based) equals `headerLabel`; the rows below it to the end.
 */
export async function rateCells(
  xlsx: Buffer,
  sheetName: string,
  headerLabel: string,
  labelColumn: number,
): Promise<RateCell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  let header: ExcelJS.Row | undefined;
  const cells: RateCell[] = [];
  sheet.eachRow((row) => {
    if (!header) {
      if (row.getCell(labelColumn).text === headerLabel) header = row;
      return;
    }
    header.eachCell((h, col) => {
      if (!h.text.startsWith('Tỷ lệ')) return;
      const cell = row.getCell(col);
      if (cell.type === ExcelJS.ValueType.Null) return;
      cells.push({
        column: h.text,
        row: row.getCell(labelColumn + 1).text,
        type: cell.type,
        numFmt: cell.numFmt,
        value: cell.value,
      });
    });
  });
  return cells;
}
