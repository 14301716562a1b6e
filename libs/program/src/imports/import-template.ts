import { toCsv, toXlsx, type ExportTable } from '@hocba/spreadsheets';
import { COLUMN_HEADERS } from './enrollment-columns';

const ORDER = [
  'fullName',
  'nationalId',
  'email',
  'phone',
  'account',
  'accountHomePage',
  'unit',
  'level',
  'sector',
  'province',
] as const;

function sheet(): ExportTable {
  return {
    sheetName: 'Danh sách học viên',
    header: ['STT', ...ORDER.map((c) => COLUMN_HEADERS[c].vi)],
    rows: [],
    // CCCD and phone as text, so Excel keeps their leading zeros.
    textColumns: [2, 4],
  };
}

function guide(): ExportTable {
  return {
    sheetName: 'Hướng dẫn',
    notes: [
      'Mỗi dòng một học viên. Tên cột có thể viết bằng tiếng Việt hoặc tiếng Anh; các cách viết khác được chấp nhận như sau.',
    ],
    header: ['Cột', 'Column', 'Cách viết khác / Other headers', 'Ghi chú'],
    rows: ORDER.map((c) => [
      COLUMN_HEADERS[c].vi,
      COLUMN_HEADERS[c].en,
      COLUMN_HEADERS[c].aliases.join('; '),
      COLUMN_HEADERS[c].help,
    ]),
  };
}

/** The enrollment template coordinators download: the columns, and a sheet explaining them. */
export function templateXlsx(): Promise<Buffer> {
  return toXlsx([sheet(), guide()]);
}

export function templateCsv(): Buffer {
  return toCsv(sheet());
}
