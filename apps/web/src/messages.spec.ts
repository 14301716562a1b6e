import { ApiError } from './api';
import { errorText, fieldErrors, say, UNKNOWN_ERROR } from './messages';

/** Issue 21: a Vietnamese reader never reads the API's English, whatever it says. */
describe('messages', () => {
  it('says a rule it knows in Vietnamese, naming the field people see', () => {
    expect(say('fullName is required', 'vi', 'Họ và tên')).toBe('"Họ và tên" không được để trống');
    expect(say('kind must be self-organised or platform', 'vi', 'Hình thức')).toBe(
      '"Hình thức" phải là Tự tổ chức hoặc Trên nền tảng',
    );
    expect(say('fullName is required', 'en')).toBe('fullName is required');
  });

  it('shows the reader’s half of a message written in both languages', () => {
    const both = 'đã có chỗ học ở lớp kh-1 của khóa này / already enrolled in cohort kh-1 of this course';
    expect(say(both, 'vi')).toBe('đã có chỗ học ở lớp kh-1 của khóa này');
    expect(say(both, 'en')).toBe('already enrolled in cohort kh-1 of this course');
    // An English message with a slash in it is not two languages.
    expect(say('scopes must be statements/read / statements/write', 'en')).toBe(
      'scopes must be statements/read / statements/write',
    );
  });

  it('never shows an English message no rule knows: the field it is about, or a message of its own', () => {
    expect(say('zork must be frobnicated', 'vi', 'Đơn vị')).toBe('"Đơn vị": giá trị không hợp lệ');
    expect(say('Something unexpected happened', 'vi')).toBe(UNKNOWN_ERROR);
    expect(fieldErrors('Key collision; try again; Key collision', 'vi', {}).other).toEqual([UNKNOWN_ERROR]);
  });

  it('tells an error answer by its code, else by its status, in Vietnamese; in English as the API said it', () => {
    const answer = (status: number, code: string | undefined, message: string) =>
      new ApiError(status, message, { statusCode: status, code, message });
    expect(
      errorText(answer(401, 'auth.invalid_credentials', 'The username or password is wrong'), 'vi'),
    ).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(errorText(answer(404, 'cohort.not_found', 'No such cohort'), 'vi')).toMatch(/^Không tìm thấy lớp/);
    // A code this build does not know: its status says what kind of failure it was.
    expect(errorText(answer(403, 'future.code', 'This needs one of the roles national-admin'), 'vi')).toMatch(
      /không được phép/,
    );
    expect(errorText(answer(500, undefined, 'Internal server error'), 'vi')).not.toMatch(/Internal/);
    expect(errorText(answer(409, undefined, 'Key collision; try again'), 'vi')).toBe(UNKNOWN_ERROR);
    expect(errorText(new TypeError('Failed to fetch'), 'vi')).toMatch(/^Không kết nối được/);
    expect(errorText(answer(404, 'cohort.not_found', 'No such cohort'), 'en')).toBe('No such cohort');
    expect(errorText(null, 'vi')).toBeUndefined();
  });
});
