import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Table } from '@hocba/spreadsheets';
import { slug } from '@hocba/units';
import { TrainingRecordDto } from './dto/training.dto';

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

type Field = 'unit' | 'kind' | 'platform' | 'title' | 'date' | 'participants' | 'level';

/** Headers as provinces' tables write them (compared without diacritics, case or punctuation). */
const HEADERS: Record<Field, string[]> = {
  unit: ['Đơn vị', 'Tỉnh/Thành phố', 'Tỉnh, thành phố', 'Tỉnh', 'Bộ, ngành', 'Cơ quan', 'Unit'],
  kind: ['Hình thức', 'Hình thức tập huấn', 'Loại', 'Kind'],
  platform: ['Nền tảng', 'Platform'],
  title: ['Nội dung', 'Tên lớp', 'Lớp', 'Tên khóa', 'Title'],
  date: ['Ngày', 'Ngày tổ chức', 'Thời gian', 'Date'],
  participants: ['Số người', 'Số người tham gia', 'Số lượng', 'Số học viên', 'Số cán bộ', 'Participants'],
  level: ['Cấp', 'Level'],
};
const FIELD_OF = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADERS) as [Field, string[]][])
  for (const name of names) FIELD_OF.set(slug(name), field);

const KINDS: Record<string, string> = {
  'tu-to-chuc': 'self-organised',
  'self-organised': 'self-organised',
  'tren-nen-tang': 'platform',
  'nen-tang': 'platform',
  platform: 'platform',
};
const LEVELS: Record<string, string> = {
  tinh: 'tinh',
  'cap-tinh': 'tinh',
  huyen: 'huyen',
  'cap-huyen': 'huyen',
  xa: 'xa',
  'cap-xa': 'xa',
};

/** "15/9/2022" or "2022-09-15" (an Excel date cell arrives as the latter) → "2022-09-15". */
function isoDate(value: string): string {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  return dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : value;
}

/**
 * A file's rows as training records to check: recognised columns, Vietnamese values mapped to the
 * API's ("Tự tổ chức" → self-organised, "1.289" → 1289, "15/9/2022" → 2022-09-15), each row
 * validated as the JSON endpoint validates a record. Errors name the spreadsheet's row and the field.
 */
export function readTrainingTable(table: Table): {
  records: { row: number; dto: TrainingRecordDto }[];
  errors: ImportError[];
} {
  const fields = table.header.map((h) => FIELD_OF.get(slug(h)));
  const errors: ImportError[] = [];
  for (const required of ['unit', 'kind', 'date', 'participants'] as const)
    if (!fields.includes(required))
      errors.push({
        row: table.headerRow,
        field: required,
        message: `no column "${HEADERS[required][0]}" in the header row`,
      });
  if (errors.length > 0) return { records: [], errors };
  const records: { row: number; dto: TrainingRecordDto }[] = [];
  for (const r of table.rows) {
    const raw: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const value = (r.cells[i] ?? '').trim();
      if (!field || value === '') return;
      if (field === 'kind') raw.kind = KINDS[slug(value)] ?? value;
      else if (field === 'level') raw.level = LEVELS[slug(value)] ?? value;
      else if (field === 'date') raw.date = isoDate(value);
      else if (field === 'participants')
        raw.participants = /^\d{1,3}([.,\s]\d{3})+$/.test(value) ? value.replace(/[.,\s]/g, '') : value;
      else raw[field] = value;
    });
    const dto = plainToInstance(TrainingRecordDto, raw);
    const problems = validateSync(dto, { whitelist: true });
    // The kind of value first ("must be a whole number"), then its range.
    for (const p of problems) {
      const c = p.constraints ?? {};
      const message =
        c.isInt ?? c.isIn ?? c.isDateString ?? Object.values(c)[0] ?? `${p.property} is not valid`;
      errors.push({ row: r.row, field: p.property, message });
    }
    if (problems.length === 0) records.push({ row: r.row, dto });
  }
  return { records, errors };
}
