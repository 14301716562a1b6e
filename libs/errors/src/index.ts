export { ERROR_CODES, FIELD_RULES, type ErrorCode, type CodesOf, type FieldRule } from './error-codes';
export {
  HocbaError,
  invalidField,
  type FieldError,
  type ErrorParams,
  type HocbaErrorOptions,
} from './hocba-error';
