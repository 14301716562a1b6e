/**
 * Every machine code the API can answer with, and its HTTP status: the one registry the server
 * maps errors from, the web app translates (apps/web/src/error-codes.ts) and docs/errors.md lists.
 *
 * LOUD: a code is a contract with clients (the web app translates by it; platforms may branch on
 * it). Never rename or reuse one; add a new code and retire the old one instead. A test fails when
 * a code here has no Vietnamese text in the web app or no line in docs/errors.md.
 */
export const ERROR_CODES = {
  // Anything the request itself gets wrong, before any feature looks at it.
  'validation.failed': {
    status: 400,
    meaning: 'Fields of the request break their rules; `errors` lists each field and rule',
  },
  'request.invalid': {
    status: 400,
    meaning: 'The request cannot be read (not JSON, not UTF-8, a parameter that is not one)',
  },
  'request.method_not_allowed': { status: 405, meaning: 'The resource does not take this method' },
  'request.timeout': { status: 408, meaning: 'The request was not received in time' },
  'request.conflict': { status: 409, meaning: 'The request conflicts with the current state' },
  'request.precondition_failed': { status: 412, meaning: 'A precondition header does not hold' },
  'request.body_too_large': { status: 413, meaning: 'The request body is larger than the limit' },
  'request.url_too_long': { status: 414, meaning: 'The URL, or a segment of its path, is too long' },
  'request.unsupported_media_type': {
    status: 415,
    meaning: 'The Content-Type is not one this resource takes',
  },
  'request.rate_limited': { status: 429, meaning: 'Too many requests; Retry-After says when to try again' },
  'request.headers_too_large': { status: 431, meaning: 'The request headers are too large' },
  'resource.not_found': { status: 404, meaning: 'No such route or resource' },
  'resource.gone': { status: 410, meaning: 'The resource existed and is gone' },
  'auth.unauthenticated': { status: 401, meaning: 'No valid access token (missing, expired or signed out)' },
  'auth.invalid_credentials': { status: 401, meaning: 'The username or password is wrong' },
  'auth.too_many_logins': {
    status: 429,
    meaning: 'Too many failed logins; Retry-After says when to try again',
  },
  'auth.forbidden': { status: 403, meaning: 'The role of the signed-in user does not allow this' },
  'auth.outside_scope': { status: 403, meaning: 'A province or unit outside the user’s provinces' },
  'service.unavailable': {
    status: 503,
    meaning: 'PostgreSQL or Redis cannot serve now; nothing was changed; Retry-After says when to try again',
  },
  'server.internal_error': {
    status: 500,
    meaning: 'An unexpected error; nothing about it is disclosed (the log has it)',
  },

  // Users
  'user.not_found': { status: 404, meaning: 'No such user' },
  'user.username_taken': { status: 409, meaning: 'The username is taken (regardless of case)' },
  'user.provinces_required': {
    status: 400,
    meaning: 'A coordinator must name at least one province or central agency',
  },
  'user.provinces_not_allowed': { status: 400, meaning: 'Only coordinators have provinces' },
  'user.cannot_disable_self': { status: 400, meaning: 'An administrator cannot disable themselves' },

  // Administrative units
  'unit.unknown': { status: 400, meaning: 'Not a known province or central agency' },
  'unit.ambiguous': { status: 400, meaning: 'A name written without diacritics that could be several units' },

  // Courses, cohorts, enrollments
  'course.not_found': { status: 404, meaning: 'No course has this code' },
  'course.code_taken': { status: 409, meaning: 'A course has this code (regardless of case)' },
  'course.completion_locked': {
    status: 409,
    meaning: 'The completion rule cannot change once learners have progress',
  },
  'cohort.not_found': { status: 404, meaning: 'No such cohort within the user’s provinces' },
  'cohort.code_taken': { status: 409, meaning: 'A cohort has this code (regardless of case)' },
  'cohort.course_unknown': { status: 400, meaning: 'courseCode names no course' },
  'cohort.ends_before_start': { status: 400, meaning: 'endsOn is before startsOn' },
  'enrollment.not_found': { status: 404, meaning: 'No such enrollment within the user’s provinces' },
  'enrollment.wrong_status': { status: 409, meaning: 'The enrollment’s status does not allow this change' },
  'enrollment.deduction_date_out_of_range': {
    status: 400,
    meaning: 'effectiveOn is before 2020-01-01 or too far ahead',
  },
  'enrollment.learner_conflict': {
    status: 409,
    meaning: 'The replacing learner’s identity belongs to another learner',
  },
  'enrollment.already_seated': {
    status: 409,
    meaning: 'The replacing learner already has a seat in this cohort',
  },
  'enrollment.concurrent': { status: 409, meaning: 'Another enrollment of the same learners is under way' },
  'learner.not_found': { status: 404, meaning: 'No such learner' },
  'learner.already_erased': { status: 409, meaning: 'The learner’s personal data was already erased' },

  // Uploaded files and imports
  'upload.not_multipart': {
    status: 400,
    meaning: 'The request is not multipart/form-data with a part named file',
  },
  'upload.unreadable': { status: 400, meaning: 'The multipart body cannot be read' },
  'upload.file_missing': { status: 400, meaning: 'No part named file' },
  'upload.bad_file_name': { status: 400, meaning: 'The file name is not UTF-8' },
  'upload.unstorable_text': {
    status: 400,
    meaning: 'A field or the file name holds text that cannot be stored (NUL, a lone surrogate)',
  },
  'upload.empty_file': { status: 400, meaning: 'The file is empty' },
  'upload.file_too_large': { status: 400, meaning: 'The file is larger than the limit' },
  'import.file_type': { status: 400, meaning: 'The file is neither .xlsx nor .csv' },
  'import.unreadable_file': {
    status: 400,
    meaning: 'The spreadsheet cannot be read (not UTF-8, not XLSX, too many rows)',
  },
  'import.rows_invalid': {
    status: 400,
    meaning: 'Rows of the file break rules; `errors` lists row, field and message; nothing was written',
  },

  // Certificates and learner links
  'certificate.not_found': { status: 404, meaning: 'No such certificate' },
  'certificate.erased': {
    status: 410,
    meaning: 'The certificate was revoked and its file deleted (erasure)',
  },
  'certificate.pending': { status: 409, meaning: 'The certificate is being issued' },
  'certificate.not_issued': { status: 409, meaning: 'Only an issued certificate can be revoked or reissued' },
  'certificate.not_eligible': {
    status: 409,
    meaning: 'The enrollment no longer qualifies for a certificate',
  },
  'certificate.archive_not_found': { status: 404, meaning: 'No such archive for this cohort' },
  'certificate.archive_not_ready': { status: 409, meaning: 'The archive is not built yet' },
  'learner_link.platform_only': { status: 403, meaning: 'Only a platform client can ask for learner links' },
  'learner_link.account_unknown': { status: 404, meaning: 'No learner of this platform has this account' },
  'learner_link.not_found': { status: 404, meaning: 'No such learner link' },
  'learner_link.expired': { status: 410, meaning: 'The learner link has expired' },

  // Jobs
  'job.not_found': { status: 404, meaning: 'No such job' },
  'job.not_finished': { status: 409, meaning: 'The job has not completed' },

  // Reports and training records
  'report.as_of_in_future': { status: 400, meaning: 'asOf is in the future' },
  'report.range_inverted': { status: 400, meaning: 'The period ends before it starts' },
  'report.all_provinces_needs_province': {
    status: 400,
    meaning: 'allProvinces is asked with a grouping other than province',
  },
  'report.range_too_long': { status: 400, meaning: 'The period is longer than 1,000 days' },
  'report_pack.unknown_week': { status: 400, meaning: 'No such ISO week' },
  'report_pack.week_not_ended': { status: 400, meaning: 'The week has not ended' },
  'report_pack.not_found': { status: 404, meaning: 'No such report pack' },
  'report_pack.not_built': { status: 404, meaning: 'No pack for this week yet' },
  'training.platform_required': { status: 400, meaning: 'platform is required when kind is platform' },
  'training_record.not_found': { status: 404, meaning: 'No such training record' },

  // LRS clients and metrics
  'lrs_client.not_found': { status: 404, meaning: 'No LRS client has this key' },
  'lrs_client.key_collision': { status: 409, meaning: 'The generated key was taken; try again' },
  'lrs_client.course_unknown': { status: 400, meaning: 'courses names a code no course has' },
  'metrics.off': { status: 404, meaning: 'GET /metrics is off (HOCBA_METRICS_TOKEN unset)' },
  'metrics.bad_token': { status: 401, meaning: 'GET /metrics needs the bearer token of HOCBA_METRICS_TOKEN' },

  // The LRS (/xapi): the status the xAPI specification assigns, the message naming field and rule
  'xapi.invalid': {
    status: 400,
    meaning: 'A statement or parameter breaks a rule of the xAPI specification',
  },
  'lrs.bad_request': { status: 400, meaning: 'The xAPI request is malformed' },
  'lrs.unauthorized': { status: 401, meaning: 'No or wrong LRS client credentials (Basic)' },
  'lrs.forbidden': { status: 403, meaning: 'The LRS client’s scopes or courses do not allow this' },
  'lrs.not_found': { status: 404, meaning: 'No such statement, document or xAPI resource' },
  'lrs.method_not_allowed': { status: 405, meaning: 'The xAPI resource does not take this method' },
  'lrs.conflict': {
    status: 409,
    meaning: 'Conflicts with what is stored (a different statement with the id, a document)',
  },
  'lrs.precondition_failed': { status: 412, meaning: 'If-Match or If-None-Match does not hold' },
  'lrs.too_large': { status: 413, meaning: 'Too many statements, or a document too large' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes of one feature: `CodesOf<'cohort' | 'course'>` is every `cohort.*` and `course.*` code. */
export type CodesOf<Prefix extends string> = Extract<ErrorCode, `${Prefix}.${string}`>;

/**
 * The rules a field error (`errors[].rule`) can name: class-validator's constraint names, as the
 * DTOs' decorators produce them, and the few rules checked by hand. (A single-field error of a
 * feature names its own code as the rule.) A test walks every DTO and fails on a rule missing here.
 */
export const FIELD_RULES = {
  isDefined: 'is required',
  isString: 'must be text',
  isInt: 'must be a whole number',
  isNumber: 'must be a number',
  isBoolean: 'must be true or false',
  isIn: 'must be one of the listed values',
  isObject: 'must be an object',
  isArray: 'must be an array',
  isUrl: 'must be a URL or IRI',
  isUuid: 'must be a UUID',
  isDateString: 'must be a date (YYYY-MM-DD)',
  matches: 'must have the stated form',
  minLength: 'is too short',
  maxLength: 'is too long',
  min: 'is too small',
  max: 'is too large',
  arrayMinSize: 'has too few items',
  arrayMaxSize: 'has too many items',
  nestedValidation: 'must be an object (or array of objects) of the stated form',
  whitelistValidation: 'is not a field this request takes',
  unknownValue: 'is not an object the request can take',
  invalid: 'breaks the rule its message states',
} as const;

export type FieldRule = keyof typeof FIELD_RULES;
