import { ERROR_CODES, type ErrorCode, type FieldRule } from './error-codes';

/**
 * One field's problem: the field as a client names it ("learners.0.fullName"), the rule it breaks
 * (a FIELD_RULES name, or the code of a feature's single-field error) and the message; `row` when
 * the field is a cell of an uploaded file.
 */
export interface FieldError {
  field: string;
  rule?: string;
  message: string;
  row?: number;
}

/** Values a translation may need to say the message again ("Mã "de-an-06" đã có"). */
export type ErrorParams = Record<string, string | number>;

export interface HocbaErrorOptions {
  /** The error is about this one field: `errors` gets one entry with the code as its rule. */
  field?: string;
  errors?: FieldError[];
  params?: ErrorParams;
  /** Headers the answer carries (Retry-After). */
  headers?: Record<string, string>;
  /** Further members of the answer's body (an import's counts beside its rows in error). */
  details?: Record<string, unknown>;
}

/**
 * The base of every feature's exceptions: a stable code from ERROR_CODES (which fixes the HTTP
 * status), a message in the API's language (English) naming the field and rule, and optionally the
 * fields in error. The API's one exception filter maps it to HTTP; features never build responses.
 */
export class HocbaError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;
  readonly errors?: FieldError[];
  readonly params?: ErrorParams;
  readonly headers?: Record<string, string>;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: C,
    message: string,
    options: HocbaErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_CODES[code].status;
    this.errors =
      options.errors ?? (options.field ? [{ field: options.field, rule: code, message }] : undefined);
    this.params = options.params;
    this.headers = options.headers;
    this.details = options.details;
  }
}

/** A field checked by hand (a query parameter, a form field of an upload) that breaks `rule`. */
export function invalidField(
  field: string,
  rule: FieldRule,
  message: string,
): HocbaError<'validation.failed'> {
  return new HocbaError('validation.failed', message, { errors: [{ field, rule, message }] });
}
