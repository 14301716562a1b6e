import ExcelJS from 'exceljs';
import { readTable, TableFormatError } from './read-table';
import { safeCell, toCsv, toXlsx } from './write-table';

describe('readTable', () => {
  it('reads a UTF-8 CSV with BOM and semicolons, skipping blank lines, with spreadsheet row numbers', async () => {
    const csv = Buffer.from(
      '\uFEFFHọ và tên;Số CCCD\r\n\r\nNguyễn Văn A;001203004567\r\n;\r\nTrần Thị B;"0012;3"\r\n',
    );
    const table = await readTable(csv, 10);
    expect(table.header).toEqual(['Họ và tên', 'Số CCCD']);
    expect(table.rows.map((r) => [r.row, ...r.cells])).toEqual([
      [3, 'Nguyễn Văn A', '001203004567'],
      [5, 'Trần Thị B', '0012;3'],
    ]);
  });

  it('refuses a CSV that is not UTF-8 and says how to save one', async () => {
    const windows1258 = Buffer.from([0x48, 0xe7, 0x0d, 0x0a, 0x41]);
    await expect(readTable(windows1258, 10)).rejects.toThrow(/CSV UTF-8/);
  });

  it('reads the first sheet of an XLSX, marking numeric cells and flattening rich text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['STT', 'Họ và tên', 'CCCD']);
    sheet.addRow([1, { richText: [{ text: 'Lê ' }, { text: 'Văn C' }] }, 1203004567]);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 10);
    expect(table.rows[0]).toEqual({
      row: 2,
      cells: ['1', 'Lê Văn C', '1203004567'],
      numeric: [true, false, true],
    });
  });

  it("names the row and column of a broken quote in a CSV, in English and Vietnamese, never the cell's content", async () => {
    const name = 'Đỗ Thanh Hằng';
    const cccd = '001203004567';
    const cases: [string, string, RegExp][] = [
      // A stray quote inside a cell, text after a closing quote, a quote never closed.
      [`Họ và tên,Số CCCD\r\nNguyễn Văn A,1\r\n${name} "x ${cccd},1\r\n`, 'row 3, column 1', /dòng 3, cột 1/],
      [`Họ và tên,Số CCCD\n${name},"${cccd}" 9\n`, 'row 2, column 2', /dòng 2, cột 2/],
      [`Họ và tên;Số CCCD\n;\n"${name};${cccd}\n`, 'row 3, column 1', /dòng 3, cột 1/],
    ];
    for (const [csv, where, vi] of cases) {
      const error = (await readTable(Buffer.from(csv), 10).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(TableFormatError);
      expect(error.message).toContain(`the CSV file cannot be read at ${where}:`);
      expect(error.message).toMatch(vi);
      expect(error.message).not.toContain(cccd);
      expect(error.message).not.toContain('Đỗ');
    }
  });

  it('refuses an XLSX exceljs cannot read without passing on its message', async () => {
    const broken = Buffer.concat([
      Buffer.from('PK\u0003\u0004', 'latin1'),
      Buffer.from('Đỗ Thanh Hằng 001203004567'),
    ]);
    const error = (await readTable(broken, 10).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TableFormatError);
    expect(error.message).toMatch(/not a readable XLSX workbook.* \/ tệp không phải một bảng tính XLSX/);
    expect(error.message).not.toMatch(/Đỗ|001203004567/);
  });

  it('refuses more rows than allowed and a file that is neither format', async () => {
    await expect(readTable(Buffer.from('a\n1\n2\n3\n'), 2)).rejects.toThrow(/3 rows; at most 2/);
    await expect(readTable(Buffer.from('PK\u0003\u0004garbage', 'latin1'), 2)).rejects.toThrow(
      TableFormatError,
    );
  });
});

describe('exports', () => {
  it('neutralises formulas in text cells but keeps numbers', () => {
    expect(safeCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(safeCell('-5')).toBe(`'-5`);
    expect(safeCell(-5)).toBe('-5');
    expect(safeCell('Nguyễn')).toBe('Nguyễn');
  });

  it('writes CSV with a UTF-8 BOM, notes above the header and quoted separators', () => {
    const csv = toCsv({
      sheetName: 'x',
      notes: ['Số liệu đến 2026-11-23'],
      header: ['Tỉnh', 'Số'],
      rows: [['Hà Nội, mới', 3]],
    });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toBe('Số liệu đến 2026-11-23\r\nTỉnh,Số\r\n"Hà Nội, mới",3\r\n');
  });

  it('writes an XLSX that reads back to the same cells', async () => {
    const xlsx = await toXlsx([
      {
        sheetName: 'Phễu',
        header: ['Tỉnh', 'Số'],
        rows: [
          ['Bắc Giang', 12],
          ['=1+1', null],
        ],
      },
    ]);
    const table = await readTable(xlsx, 10);
    expect(table.header).toEqual(['Tỉnh', 'Số']);
    // Nothing (null) is an empty cell, which a reader does not list at the end of a row.
    expect(table.rows.map((r) => r.cells)).toEqual([['Bắc Giang', '12'], ["'=1+1"]]);
  });

  it('writes rates as numbers with a percentage format in XLSX, and as "69,6%" in CSV', async () => {
    const table = {
      sheetName: 'Phễu',
      header: ['Tỉnh', 'Tỷ lệ hoàn thành'],
      rows: [
        ['Bắc Giang', 0.696],
        ['Lạng Sơn', null],
      ],
      percentColumns: [1],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await toXlsx([table]));
    const cell = workbook.getWorksheet('Phễu')!.getCell('B2');
    expect([cell.type, cell.value, cell.numFmt]).toEqual([ExcelJS.ValueType.Number, 0.696, '0.0%']);
    expect(workbook.getWorksheet('Phễu')!.getCell('B3').type).toBe(ExcelJS.ValueType.Null);
    expect(toCsv(table).subarray(3).toString('utf8')).toBe(
      'Tỉnh,Tỷ lệ hoàn thành\r\nBắc Giang,"69,6%"\r\nLạng Sơn,\r\n',
    );
  });
});
