/**
 * The API answers in English naming its own fields ("fullName is required"); people read
 * Vietnamese naming what they see: the label of the form's field, or the header of their own
 * file's column. Each rule the API states is said again here. A message no rule knows is never
 * shown in English to a Vietnamese reader. An error answer of the API is said by its code
 * (error-codes.ts), else by its status; these rules say the rest (an import's row messages).
 */
import { ApiError } from './api';
import { GENERIC_ERROR } from './error-codes';
import type { Language } from './i18n';

type Rule = [RegExp, (m: RegExpExecArray, label: string) => string];

const VI: Rule[] = [
  [/^\S+ is required with account$/, (_, l) => `"${l}" là bắt buộc khi có tài khoản`],
  [/^\S+ is required$/, (_, l) => `"${l}" không được để trống`],
  [/^\S+ is not a learner field$/, (_, l) => `"${l}" không phải là thông tin của học viên`],
  [/must be at most (\d+) characters/, (m, l) => `"${l}" dài tối đa ${m[1]} ký tự`],
  [/must be at least (\d+) characters/, (m, l) => `"${l}" cần ít nhất ${m[1]} ký tự`],
  [/must be 12 digits/, (_, l) => `"${l}" phải gồm đúng 12 chữ số`],
  [/must be an e-mail address/, (_, l) => `"${l}" không phải là địa chỉ email`],
  [
    /must be a Vietnamese phone number/,
    (_, l) => `"${l}" không phải số điện thoại Việt Nam (0 hoặc +84 và 9–10 chữ số)`,
  ],
  [/must be the platform URL/, (_, l) => `"${l}" phải là địa chỉ (URL) của nền tảng`],
  [/nationalId or account is required/, () => 'Cần Số CCCD hoặc Tài khoản để nhận ra học viên giữa các lớp'],
  [
    /^\S+ "(.*)" must be (.+)$/,
    (m, l) => `"${l}": giá trị "${m[1]}" không hợp lệ, phải là ${m[2].replace(/ or /g, ' hoặc ')}`,
  ],
  [/^level must be/, (_, l) => `"${l}" phải là Tỉnh, Huyện hoặc Xã`],
  [/^sector must be/, (_, l) => `"${l}" phải là Công an, CBCCVC hoặc Khác`],
  [/must be a UUID/, (_, l) => `"${l}" phải là mã UUID`],
  [/the same learner as row (\d+)/, (m) => `Trùng học viên với dòng ${m[1]}`],
  [/account belongs to another learner/, () => 'Tài khoản này thuộc về một học viên khác (CCCD khác)'],
  [
    /account belongs to a learner with another nationalId/,
    () => 'Tài khoản này thuộc về học viên có CCCD khác',
  ],
  [/already enrolled in cohort (.+) of this course/, (m) => `Đã ghi danh ở lớp ${m[1]} của cùng khóa học`],
  [
    /is not a (?:province|known province)|is outside|not one of your/,
    (_, l) => `"${l}": tỉnh không thuộc phạm vi của bạn hoặc không tồn tại`,
  ],
  [
    /^completion: the rule cannot change once learners/,
    () =>
      'Không đổi được điều kiện hoàn thành khi đã có học viên học khóa này (các mốc đã tính theo điều kiện lúc đó)',
  ],
  [/^code: \w+ "(.+)" exists/, (m) => `Mã "${m[1]}" đã có (mã không phân biệt chữ hoa, chữ thường)`],
  [/^courseCode "(.+)" is not a course/, (m) => `"${m[1]}" không phải là khóa học`],
  [/endsOn must not be before startsOn/, () => 'Ngày kết thúc không được trước ngày bắt đầu'],
  [/must be a date/, (_, l) => `"${l}" phải là một ngày (ngày/tháng/năm)`],
  [/must be a whole number/, (_, l) => `"${l}" phải là số nguyên`],
  [/must be at most ([\d,.]+)$/, (m, l) => `"${l}" không được lớn hơn ${m[1].replace(/,/g, '.')}`],
  [/^kind must be self-organised or platform/, (_, l) => `"${l}" phải là Tự tổ chức hoặc Trên nền tảng`],
  [
    /must name a province or a central agency/,
    (_, l) => `"${l}" phải là tên một tỉnh hoặc cơ quan trung ương`,
  ],
  [/^no column "(.+)" in the header row/, (m) => `Dòng tiêu đề của tệp thiếu cột "${m[1]}"`],
  [/must be 0 or more/, (_, l) => `"${l}" không được âm`],
  [/username must be 3 to 64/, () => 'Tên đăng nhập gồm 3–64 chữ cái, chữ số hoặc . _ @ -'],
  [/provinces must name at least one/, () => 'Điều phối viên cần ít nhất một tỉnh hoặc cơ quan'],
  [/username or password is wrong/i, () => 'Tên đăng nhập hoặc mật khẩu không đúng'],
  [/week must have ended/, () => 'Chỉ lập được báo cáo cho tuần đã kết thúc'],
  [/already erased/, () => 'Dữ liệu của học viên này đã được xóa trước đó'],
];

/** The API field a message is about: its first word ("fullName is required" → fullName). */
export function fieldOf(message: string): string {
  return /^([\w.[\]]+)[\s:]/.exec(message)?.[1] ?? '';
}

/** What a Vietnamese reader is told when no rule knows the API's message: the error codes' generic text. */
export const UNKNOWN_ERROR = GENERIC_ERROR;

/**
 * A message written in both languages ("vi / en", as the enrollment file's notices are): the
 * reader's half. Only when the first half is Vietnamese, so an English "a / b" stays whole.
 */
function bilingual(message: string, language: Language): string | undefined {
  const at = message.indexOf(' / ');
  if (at < 0 || !/[^\x00-\x7f]/.test(message.slice(0, at))) return undefined;
  return language === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

/** A rule's Vietnamese for the API's message, or undefined when no rule knows it. */
function translate(message: string, label?: string): string | undefined {
  const both = bilingual(message, 'vi');
  if (both) return both;
  const name = label ?? fieldOf(message);
  for (const [pattern, write] of VI) {
    const m = pattern.exec(message);
    if (m) return write(m, name);
  }
  return undefined;
}

/**
 * A message of the API in the reader's language, naming `label` (a field or a column) for its
 * field; a message about a field that no rule knows still names the field people see.
 */
export function say(message: string, language: Language, label?: string): string {
  if (language === 'en') return bilingual(message, 'en') ?? message;
  return translate(message, label) ?? (label ? `"${label}": giá trị không hợp lệ` : UNKNOWN_ERROR);
}

/**
 * Any failure a screen shows (a refused request, a failed download, no network) in the reader's
 * language; undefined for none. The API's message through the rules above, else its status.
 */
export function errorText(error: unknown, language: Language): string | undefined {
  if (error === undefined || error === null) return undefined;
  // The API's answer, already said in Vietnamese by its code (or its status) when it was read.
  if (error instanceof ApiError) return language === 'en' ? say(error.apiMessage, 'en') : error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (language === 'en') return say(message, 'en');
  // fetch() itself failed: the network or the server is down.
  if (error instanceof TypeError) return 'Không kết nối được với máy chủ: hãy kiểm tra mạng rồi thử lại.';
  return translate(message) ?? UNKNOWN_ERROR;
}

/** The API's messages (joined by "; ") as field → message, for errors shown beside each field. */
export function fieldErrors(
  message: string,
  language: Language,
  labels: Record<string, string>,
): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const part of message.split('; ')) {
    const field = fieldOf(part).split(/[.[]/)[0];
    const text = say(part, language, labels[field]);
    if (field && labels[field]) byField[field] = byField[field] ? `${byField[field]}; ${text}` : text;
    else other.push(text);
  }
  return { byField, other: [...new Set(other)] };
}
