import { slug } from '@hocba/units';
import type { Table } from '@hocba/spreadsheets';
import type { RowError } from '../learner-input';

/**
 * The columns of an enrollment file, with the headers coordinators actually write, in Vietnamese
 * and in English. Headers are compared without diacritics, case or punctuation, so "Họ và tên",
 * "HỌ VÀ TÊN", "Ho va ten" and "Họ và tên (Full name)" are one column.
 */
export type Column =
  | 'fullName'
  | 'nationalId'
  | 'email'
  | 'phone'
  | 'account'
  | 'accountHomePage'
  | 'unit'
  | 'level'
  | 'sector'
  | 'province'
  | 'registration'
  | 'ignored';

/** The first header of each column is the one the template uses. */
export const COLUMN_HEADERS: Record<
  Exclude<Column, 'ignored'>,
  { vi: string; en: string; aliases: string[]; help: string }
> = {
  fullName: {
    vi: 'Họ và tên',
    en: 'Full name',
    aliases: ['Họ tên', 'Tên học viên', 'Học viên', 'Họ và tên học viên', 'Name', 'fullName'],
    help: 'Bắt buộc. Ghi đúng như giấy tờ (có dấu).',
  },
  nationalId: {
    vi: 'Số CCCD',
    en: 'National ID',
    aliases: [
      'CCCD',
      'Căn cước công dân',
      'Số căn cước công dân',
      'Số căn cước',
      'Số định danh',
      'Số định danh cá nhân',
      'CCCD/CMND',
      'Citizen ID',
      'nationalId',
    ],
    help: '12 chữ số. Cần CCCD hoặc Tài khoản để nhận ra học viên giữa các lớp.',
  },
  email: {
    vi: 'Email',
    en: 'E-mail',
    aliases: ['Thư điện tử', 'Địa chỉ email', 'Địa chỉ thư điện tử'],
    help: 'Không bắt buộc.',
  },
  phone: {
    vi: 'Số điện thoại',
    en: 'Phone',
    aliases: ['Điện thoại', 'SĐT', 'Số ĐT', 'Điện thoại di động', 'Phone number', 'Mobile'],
    help: 'Không bắt buộc; 0 hoặc +84 và 9-10 chữ số.',
  },
  account: {
    vi: 'Tài khoản',
    en: 'Account',
    aliases: ['Tên đăng nhập', 'Tài khoản đăng nhập', 'Username', 'Login', 'Account name'],
    help: 'Tên tài khoản trên nền tảng học trực tuyến.',
  },
  accountHomePage: {
    vi: 'Nền tảng',
    en: 'Platform',
    aliases: ['Địa chỉ nền tảng', 'Trang chủ tài khoản', 'Account home page', 'homePage'],
    help: 'Địa chỉ (URL) của nền tảng cấp tài khoản.',
  },
  unit: {
    vi: 'Đơn vị',
    en: 'Unit',
    aliases: [
      'Đơn vị công tác',
      'Cơ quan',
      'Cơ quan, đơn vị',
      'Cơ quan đơn vị',
      'Organisation',
      'Organization',
    ],
    help: 'Cơ quan, đơn vị công tác.',
  },
  level: {
    vi: 'Cấp',
    en: 'Level',
    aliases: ['Cấp hành chính', 'Cấp công tác'],
    help: 'Tỉnh, Huyện hoặc Xã.',
  },
  sector: {
    vi: 'Lĩnh vực',
    en: 'Sector',
    aliases: ['Khối', 'Đối tượng', 'Ngành'],
    help: 'Công an, CBCCVC hoặc Khác.',
  },
  province: {
    vi: 'Tỉnh/Thành phố',
    en: 'Province',
    aliases: ['Tỉnh', 'Tỉnh/TP', 'Tỉnh, thành phố', 'Thành phố'],
    help: 'Không bắt buộc; nếu có, phải là tỉnh của lớp (tên cũ hay mới đều được).',
  },
  registration: {
    vi: 'Mã đăng ký học (cmi5)',
    en: 'Registration',
    aliases: ['Mã đăng ký', 'Registration ID', 'cmi5 registration', 'registration'],
    help: 'Không bắt buộc; mã UUID nền tảng cmi5 cấp cho lượt học của học viên trong khóa.',
  },
};

const IGNORED = ['STT', 'TT', 'Số thứ tự', 'No', 'No.', '#', 'Ghi chú', 'Note', 'Notes'];

const KEYS = new Map<string, Column>();
for (const [column, h] of Object.entries(COLUMN_HEADERS) as [Column, (typeof COLUMN_HEADERS)['fullName']][]) {
  for (const header of [h.vi, h.en, ...h.aliases]) KEYS.set(slug(header), column);
}
for (const header of IGNORED) KEYS.set(slug(header) || header, 'ignored');

/** The column a header names, or undefined. Tries the whole header, then without "(...)", then each "/" part. */
export function columnOf(header: string): Column | undefined {
  const tries = [header, header.replace(/\(.*?\)/g, ''), ...header.split('/')];
  for (const t of tries) {
    const found = KEYS.get(slug(t)) ?? KEYS.get(t.trim());
    if (found) return found;
  }
  return undefined;
}

const LEVELS: Record<string, 'tinh' | 'huyen' | 'xa'> = {};
for (const [value, words] of [
  ['tinh', ['tinh', 'cap tinh', 'province', 'provincial', 'thanh pho', 'tinh thanh pho']],
  ['huyen', ['huyen', 'cap huyen', 'district', 'quan', 'thi xa', 'quan huyen']],
  ['xa', ['xa', 'cap xa', 'commune', 'phuong', 'thi tran', 'xa phuong', 'xa phuong thi tran']],
] as const) {
  for (const w of words) LEVELS[slug(w)] = value;
}
const SECTORS: Record<string, 'cong-an' | 'cbccvc' | 'khac'> = {};
for (const [value, words] of [
  ['cong-an', ['cong an', 'cong-an', 'police', 'luc luong cong an']],
  [
    'cbccvc',
    [
      'cbccvc',
      'can bo cong chuc vien chuc',
      'can bo, cong chuc, vien chuc',
      'cong chuc',
      'vien chuc',
      'civil servants',
      'civil servant',
    ],
  ],
  ['khac', ['khac', 'other']],
] as const) {
  for (const w of words) SECTORS[slug(w)] = value;
}

export interface MappedRow {
  row: number;
  /** The learner as the JSON endpoint takes it. */
  raw: Record<string, unknown>;
  /** The province cell as written, if the file has that column (checked against the cohort's). */
  province?: string;
  /** What is already wrong with the row (a level or sector not recognised). */
  errors: RowError[];
}

export interface MappedTable {
  rows: MappedRow[];
  /** Field → the header as the file wrote it, so errors can name the coordinator's own column. */
  headers: Partial<Record<Column, string>>;
  unknownHeaders: string[];
}

export class HeaderError extends Error {}

/**
 * Turns a file's rows into learner inputs: recognises the columns, maps Vietnamese values of level
 * and sector, and restores the leading zero Excel drops from a CCCD or phone typed as a number.
 * `defaultHomePage` is the platform of accounts when the file has no platform column.
 */
export function mapEnrollmentTable(table: Table, defaultHomePage?: string): MappedTable {
  const columns = table.header.map((h) => (h === '' ? undefined : columnOf(h)));
  const headers: Partial<Record<Column, string>> = {};
  const unknownHeaders: string[] = [];
  columns.forEach((c, i) => {
    if (c === undefined) {
      if (table.header[i] !== '') unknownHeaders.push(table.header[i]);
    } else if (c !== 'ignored') {
      if (headers[c] !== undefined)
        throw new HeaderError(
          `the columns "${headers[c]}" and "${table.header[i]}" are both ${COLUMN_HEADERS[c].en}; keep one`,
        );
      headers[c] = table.header[i];
    }
  });
  if (headers.fullName === undefined) {
    throw new HeaderError(
      `no column "${COLUMN_HEADERS.fullName.vi}" (${COLUMN_HEADERS.fullName.en}) in the header row ${table.headerRow}; download the template for the column names`,
    );
  }
  if (headers.nationalId === undefined && headers.account === undefined) {
    throw new HeaderError(
      `the file needs a column "${COLUMN_HEADERS.nationalId.vi}" or "${COLUMN_HEADERS.account.vi}" to recognise learners`,
    );
  }

  const rows: MappedRow[] = [];
  for (const r of table.rows) {
    const cell: Partial<Record<Column, string>> = {};
    const numeric: Partial<Record<Column, boolean>> = {};
    columns.forEach((c, i) => {
      if (c === undefined || c === 'ignored') return;
      const value = (r.cells[i] ?? '').trim();
      if (value !== '') cell[c] = value;
      numeric[c] = r.numeric[i] ?? false;
    });
    const raw: Record<string, unknown> = { fullName: cell.fullName ?? '' };
    const rowErrors: RowError[] = [];
    if (cell.nationalId !== undefined) {
      // A CCCD typed into a number cell loses its leading zero (001… → 1…); an 11-digit number is that.
      raw.nationalId =
        numeric.nationalId && /^\d{11}$/.test(cell.nationalId)
          ? `0${cell.nationalId}`
          : cell.nationalId.replace(/\s/g, '');
    }
    if (cell.email !== undefined) raw.email = cell.email;
    if (cell.phone !== undefined)
      raw.phone = numeric.phone && /^\d{9}$/.test(cell.phone) ? `0${cell.phone}` : cell.phone;
    if (cell.account !== undefined)
      raw.account = { homePage: cell.accountHomePage ?? defaultHomePage ?? '', name: cell.account };
    if (cell.unit !== undefined) raw.unit = cell.unit;
    if (cell.registration !== undefined) raw.registration = cell.registration;
    // Level and sector as coordinators write them ("Cấp huyện", "Công an") to the API's codes.
    const coded = <T>(field: 'level' | 'sector', table: Record<string, T>, rule: string) => {
      const value = cell[field];
      if (value === undefined) return;
      const code = table[slug(value)];
      if (code) raw[field] = code;
      else rowErrors.push({ row: r.row, field, message: `${field} "${value}" must be ${rule}` });
    };
    coded('level', LEVELS, 'Tỉnh, Huyện or Xã');
    coded('sector', SECTORS, 'Công an, CBCCVC or Khác');
    rows.push({ row: r.row, raw, province: cell.province, errors: rowErrors });
  }
  return { rows, headers, unknownHeaders };
}
