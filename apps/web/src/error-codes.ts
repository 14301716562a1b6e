/**
 * What the API's errors say, in Vietnamese, by their machine code. The API answers
 * `{statusCode, code, message, errors?, params?}` (docs/errors.md): `message` is English, for
 * developers and logs; people read the text of `code` (with its `params`), and each field error
 * by its `rule` beside the field's label. Every code the server can emit (libs/errors/src/
 * error-codes.ts) must have its text here: test/error-codes.spec.ts fails otherwise.
 */
import { formatDate, formatNumber } from './format';

export type ErrorParams = Record<string, string | number | undefined>;
type Text = string | ((p: ErrorParams) => string);

/** One field's problem as the API lists it in `errors`. */
export interface ApiFieldError {
  field: string;
  rule?: string;
  message: string;
  row?: number;
}

/** The body of an error answer (any member may be missing: a proxy's page, an older server). */
export interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string | string[];
  error?: string | number;
  errors?: ApiFieldError[];
  params?: ErrorParams;
}

/** Shown when the answer names no code this app knows (a proxy's page, a server newer than the app). */
export const GENERIC_ERROR = 'Đã có lỗi xảy ra, thao tác chưa được thực hiện. Vui lòng thử lại.';

const quoted = (value: unknown) => `"${String(value ?? '')}"`;
const seconds = (s: unknown) => {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) return 'ít phút';
  return n < 60 ? `${n} giây` : `${Math.ceil(n / 60)} phút`;
};
const STATUS_VI: Record<string, string> = {
  active: 'đang học',
  deducted: 'đã giảm trừ',
  replaced: 'đã thay thế',
  pending: 'đang cấp',
  issued: 'đã cấp',
  revoked: 'đã thu hồi',
};
const status = (value: unknown) => STATUS_VI[String(value)] ?? String(value ?? '');

export const ERROR_TEXT: Readonly<Record<string, Text>> = {
  'validation.failed': 'Dữ liệu gửi lên chưa hợp lệ; xem lỗi ở từng trường',
  'request.invalid': 'Yêu cầu không hợp lệ nên hệ thống không đọc được',
  'request.method_not_allowed': 'Thao tác này không được hỗ trợ ở đây',
  'request.timeout': 'Yêu cầu gửi lên quá chậm; vui lòng thử lại',
  'request.conflict': 'Yêu cầu xung đột với dữ liệu hiện có; vui lòng tải lại trang rồi thử lại',
  'request.precondition_failed': 'Dữ liệu đã được thay đổi ở nơi khác; vui lòng tải lại rồi thử lại',
  'request.body_too_large': 'Dữ liệu gửi lên quá lớn',
  'request.url_too_long': 'Địa chỉ (URL) quá dài',
  'request.unsupported_media_type': 'Định dạng dữ liệu gửi lên không được hỗ trợ',
  'request.rate_limited': 'Có quá nhiều yêu cầu; vui lòng đợi một lát rồi thử lại',
  'request.headers_too_large': 'Phần đầu (header) của yêu cầu quá lớn',
  'resource.not_found': 'Không tìm thấy nội dung được yêu cầu',
  'resource.gone': 'Nội dung này không còn nữa',
  'auth.unauthenticated': 'Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập; vui lòng đăng nhập lại',
  'auth.invalid_credentials': 'Tên đăng nhập hoặc mật khẩu không đúng',
  'auth.too_many_logins': (p) => `Đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${seconds(p.seconds)}`,
  'auth.forbidden': 'Vai trò của bạn không được phép thực hiện thao tác này',
  'auth.outside_scope': (p) => `${quoted(p.value)} không thuộc các tỉnh, đơn vị bạn phụ trách`,
  'service.unavailable': 'Hệ thống tạm thời gián đoạn, chưa có gì thay đổi; vui lòng thử lại sau ít phút',
  'server.internal_error':
    'Hệ thống gặp lỗi ngoài dự kiến, thao tác chưa được thực hiện; vui lòng thử lại hoặc báo quản trị viên',

  'user.not_found': 'Không tìm thấy người dùng',
  'user.username_taken': (p) =>
    `Tên đăng nhập ${quoted(p.username)} đã có người dùng (không phân biệt chữ hoa, chữ thường)`,
  'user.provinces_required': 'Điều phối viên cần ít nhất một tỉnh hoặc cơ quan',
  'user.provinces_not_allowed': 'Chỉ điều phối viên mới được gán tỉnh hoặc cơ quan',
  'user.cannot_disable_self': 'Quản trị viên không thể tự khoá tài khoản của chính mình',

  'unit.unknown': (p) => `${quoted(p.value)} không phải là tỉnh/thành phố hay cơ quan trung ương nào`,
  'unit.ambiguous': (p) =>
    `${quoted(p.value)} có thể là ${String(p.candidates ?? '').replace(/, /g, ' hoặc ')}: hãy viết đủ dấu`,

  'course.not_found': 'Không tìm thấy khoá học',
  'course.code_taken': (p) => `Mã ${quoted(p.code)} đã có (mã không phân biệt chữ hoa, chữ thường)`,
  'course.completion_locked':
    'Không đổi được điều kiện hoàn thành khi đã có học viên học khoá này (các mốc đã tính theo điều kiện lúc đó)',
  'cohort.not_found': 'Không tìm thấy lớp, hoặc lớp không thuộc tỉnh bạn phụ trách',
  'cohort.code_taken': (p) => `Mã ${quoted(p.code)} đã có (mã không phân biệt chữ hoa, chữ thường)`,
  'cohort.course_unknown': (p) => `${quoted(p.courseCode)} không phải là khoá học`,
  'cohort.ends_before_start': 'Ngày kết thúc không được trước ngày bắt đầu',
  'enrollment.not_found': 'Không tìm thấy lượt ghi danh',
  'enrollment.wrong_status': (p) =>
    `Lượt ghi danh đang ở trạng thái "${status(p.status)}" nên không thực hiện được thao tác này`,
  'enrollment.deduction_date_out_of_range': (p) =>
    `Ngày giảm trừ phải từ ${formatDate(String(p.earliest ?? ''))} đến ${formatDate(String(p.latest ?? ''))} ` +
    `(không quá ${p.daysAhead ?? 92} ngày sau hôm nay, giờ Việt Nam)`,
  'enrollment.learner_conflict':
    'Thông tin nhận diện (CCCD, tài khoản) của học viên thay thế thuộc về học viên khác, hoặc học viên đã ghi danh khoá này',
  'enrollment.already_seated': 'Học viên thay thế đã có chỗ trong lớp này',
  'enrollment.concurrent': 'Đang có một lượt ghi danh khác cho cùng học viên; vui lòng thử lại',
  'learner.not_found': 'Không tìm thấy học viên',
  'learner.already_erased': 'Dữ liệu của học viên này đã được xoá trước đó',

  'upload.not_multipart': 'Chưa có tệp gửi kèm; hãy chọn tệp rồi gửi lại',
  'upload.unreadable': 'Không đọc được dữ liệu gửi lên; vui lòng gửi lại',
  'upload.file_missing': 'Chưa chọn tệp',
  'upload.bad_file_name': 'Tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại',
  'upload.unstorable_text': 'Tên tệp hoặc một trường có ký tự không lưu được',
  'upload.empty_file': 'Tệp rỗng',
  'upload.file_too_large': (p) => `Tệp quá lớn (tối đa ${p.limitMiB ?? ''} MiB)`,
  'import.file_type': 'Tệp phải là bảng tính .xlsx hoặc .csv',
  'import.unreadable_file':
    'Không đọc được tệp: hãy lưu lại từ Excel dưới dạng "CSV UTF-8", hoặc tải lên tệp .xlsx',
  'import.rows_invalid': 'Tệp có dòng lỗi, chưa ghi gì: hãy sửa các dòng rồi gửi lại',

  'certificate.not_found': 'Không tìm thấy chứng nhận',
  'certificate.erased': 'Chứng nhận đã bị thu hồi và tệp đã bị xoá (dữ liệu của học viên đã được xoá)',
  'certificate.pending': 'Chứng nhận đang được cấp; vui lòng thử lại sau ít phút',
  'certificate.not_issued': 'Chỉ thu hồi hoặc cấp lại được chứng nhận đã cấp',
  'certificate.not_eligible': 'Lượt ghi danh không còn đủ điều kiện cấp chứng nhận',
  'certificate.archive_not_found': 'Không tìm thấy tệp nén chứng nhận của lớp này',
  'certificate.archive_not_ready': 'Tệp nén chứng nhận chưa tạo xong; vui lòng đợi',
  'learner_link.platform_only':
    'Chỉ nền tảng học (tài khoản LRS được ghi và đọc bản ghi) mới lấy được đường dẫn cho học viên',
  'learner_link.account_unknown': 'Nền tảng này không có học viên nào với tài khoản đó',
  'learner_link.not_found': 'Đường dẫn không tồn tại',
  'learner_link.expired': 'Đường dẫn đã hết hạn; hãy lấy đường dẫn mới từ nền tảng học',

  'job.not_found': 'Không tìm thấy tác vụ',
  'job.not_finished': 'Tác vụ chưa xong; vui lòng đợi',

  'report.as_of_in_future': 'Ngày tính đến không được ở tương lai',
  'report.all_provinces_needs_province': 'Chỉ liệt kê mọi tỉnh khi nhóm theo tỉnh',
  'report.range_inverted': 'Ngày kết thúc không được trước ngày bắt đầu',
  'report.range_too_long': (p) => `Khoảng thời gian dài tối đa ${formatNumber(Number(p.days ?? 1000))} ngày`,
  'report_pack.unknown_week': (p) => `Tuần ${quoted(p.week)} không tồn tại`,
  'report_pack.week_not_ended': 'Chỉ lập được báo cáo cho tuần đã kết thúc',
  'report_pack.not_found': 'Không tìm thấy bộ báo cáo',
  'report_pack.not_built': 'Chưa có bộ báo cáo của tuần này',
  'training.platform_required': 'Cần ghi tên nền tảng khi hình thức là "trên nền tảng"',
  'training_record.not_found': 'Không tìm thấy số liệu đào tạo',

  'lrs_client.not_found': 'Không tìm thấy nền tảng (tài khoản LRS) có khoá này',
  'lrs_client.key_collision': 'Khoá tạo ra bị trùng; vui lòng thử lại',
  'lrs_client.course_unknown': (p) => `Không có khoá học nào mang mã ${String(p.codes ?? '')}`,
  'metrics.off': 'Chức năng số liệu giám sát (/metrics) đang tắt',
  'metrics.bad_token': 'Cần mã truy cập số liệu giám sát (HOCBA_METRICS_TOKEN)',

  'xapi.invalid': 'Bản ghi hoặc tham số xAPI không đúng đặc tả xAPI',
  'lrs.bad_request': 'Yêu cầu xAPI không hợp lệ',
  'lrs.unauthorized': 'Thiếu hoặc sai khoá và mật khẩu của nền tảng (LRS)',
  'lrs.forbidden': 'Nền tảng (tài khoản LRS) không được phép làm việc này',
  'lrs.not_found': 'Không tìm thấy bản ghi hay tài liệu xAPI',
  'lrs.method_not_allowed': 'Tài nguyên xAPI này không hỗ trợ thao tác đó',
  'lrs.conflict': 'Xung đột với dữ liệu đã lưu',
  'lrs.precondition_failed': 'Tài liệu đã thay đổi (If-Match hoặc If-None-Match không khớp)',
  'lrs.too_large': 'Quá nhiều bản ghi trong một lần gửi, hoặc tài liệu quá lớn',
};

/**
 * Each field rule (class-validator's constraint names and the few checked by hand), naming the
 * field by its label; `n` is the limit the API's message states (a length, a bound), when it does.
 */
export const RULE_TEXT: Readonly<Record<string, (label: string, n?: string) => string>> = {
  isDefined: (l) => `"${l}" không được để trống`,
  isString: (l) => `"${l}" phải là văn bản`,
  isInt: (l) => `"${l}" phải là số nguyên`,
  isNumber: (l) => `"${l}" phải là một số`,
  isBoolean: (l) => `"${l}" phải là có hoặc không`,
  isIn: (l) => `"${l}": giá trị không nằm trong danh sách được chọn`,
  isObject: (l) => `"${l}" không đúng cấu trúc`,
  isArray: (l) => `"${l}" phải là một danh sách`,
  isUrl: (l) => `"${l}" phải là một địa chỉ (URL/IRI) đầy đủ, bắt đầu bằng http:// hoặc https://`,
  isUuid: (l) => `"${l}" phải là mã UUID`,
  isDateString: (l) => `"${l}" phải là một ngày (ngày/tháng/năm)`,
  matches: (l) => `"${l}" không đúng định dạng`,
  minLength: (l, n) => (n ? `"${l}" cần ít nhất ${n} ký tự` : `"${l}" quá ngắn`),
  maxLength: (l, n) => (n ? `"${l}" dài tối đa ${n} ký tự` : `"${l}" quá dài`),
  min: (l, n) => (n ? `"${l}" không được nhỏ hơn ${n}` : `"${l}" quá nhỏ`),
  max: (l, n) => (n ? `"${l}" không được lớn hơn ${n}` : `"${l}" quá lớn`),
  arrayMinSize: (l, n) => (n ? `"${l}" cần ít nhất ${n} mục` : `"${l}" có quá ít mục`),
  arrayMaxSize: (l, n) => (n ? `"${l}" có tối đa ${n} mục` : `"${l}" có quá nhiều mục`),
  nestedValidation: (l) => `"${l}" không đúng cấu trúc`,
  whitelistValidation: (l) => `"${l}" không phải là thông tin hệ thống nhận`,
  unknownValue: () => 'Dữ liệu gửi lên không đúng cấu trúc',
  invalid: (l) => `"${l}" không hợp lệ`,
};

/** Forms a rule cannot say by itself (`matches`): by the field's name, its last path segment. */
const FORM_TEXT: Readonly<Record<string, (label: string) => string>> = {
  'code.matches': (l) => `"${l}" gồm 2–64 ký tự: chữ cái không dấu, chữ số, dấu - (với lớp: cả . và _)`,
  'username.matches': () => 'Tên đăng nhập gồm 3–64 chữ cái không dấu, chữ số hoặc . _ @ -',
  'week.matches': (l) => `"${l}" phải là một tuần ISO, ví dụ 2022-W39`,
  'nationalId.matches': (l) => `"${l}" phải gồm đúng 12 chữ số`,
};

function say(text: Text | undefined, params: ErrorParams): string | undefined {
  if (text === undefined) return undefined;
  return typeof text === 'string' ? text : text(params);
}

/** The code an answer without one stands for, by its status (a proxy's 502, the rate limit's 429). */
function codeOfStatus(status: number): string | undefined {
  if (status === 401) return 'auth.unauthenticated';
  if (status === 403) return 'auth.forbidden';
  if (status === 404) return 'resource.not_found';
  if (status === 413) return 'request.body_too_large';
  if (status === 429) return 'request.rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'service.unavailable';
  if (status >= 500) return 'server.internal_error';
  return undefined;
}

/** An error answer's text in Vietnamese: its code's, else its status's, else the generic one. */
export function errorText(status: number, body: ErrorBody | undefined): string {
  const params = body?.params ?? {};
  return (
    say(ERROR_TEXT[body?.code ?? ''], params) ??
    say(ERROR_TEXT[codeOfStatus(status) ?? ''], params) ??
    GENERIC_ERROR
  );
}

/**
 * One field error in Vietnamese, naming the field by `label`: by its rule (a field rule, or the
 * code of a feature's single-field error, said with the answer's params).
 */
export function fieldText(error: ApiFieldError, label: string, params: ErrorParams = {}): string {
  const rule = error.rule ?? 'invalid';
  const byCode = say(ERROR_TEXT[rule], params);
  if (byCode) return byCode;
  const name = error.field.split('.').pop() ?? error.field;
  const form = FORM_TEXT[`${name}.${rule}`];
  if (form) return form(label);
  // The limit the message states after the field's path ("learners.0.fullName must be at most 200 characters").
  const rest = error.message.startsWith(error.field)
    ? error.message.slice(error.field.length)
    : error.message;
  const n = /\d[\d,.]*/.exec(rest)?.[0];
  return (RULE_TEXT[rule] ?? RULE_TEXT.invalid)(label, n);
}
