export { readTable, TableFormatError, type Table, type TableRow } from './read-table';
export {
  toCsv,
  toXlsx,
  tableDownload,
  safeCell,
  XLSX_TYPE,
  CSV_TYPE,
  type ExportTable,
  type Cell,
} from './write-table';
export { LABELS, rateLabel, adjustedRateLabel, type LabelKey } from './glossary';
export { ApiTableResponse, ApiFileResponse, FILE_SCHEMA } from './api-responses';
