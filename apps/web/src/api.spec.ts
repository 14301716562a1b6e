import { ApiError } from './api';
import { GENERIC_ERROR } from './error-codes';

/** What a person reads of the API's refusals: the Vietnamese text of each code, never its English. */
describe(ApiError.name, () => {
  it('says a refusal in Vietnamese by its code, with the values it carries', () => {
    const notFound = new ApiError(404, 'No such cohort', {
      statusCode: 404,
      code: 'cohort.not_found',
      message: 'No such cohort',
    });
    expect([notFound.message, notFound.apiMessage, notFound.code]).toEqual([
      'Không tìm thấy lớp, hoặc lớp không thuộc tỉnh bạn phụ trách',
      'No such cohort',
      'cohort.not_found',
    ]);
    const gone = new ApiError(400, 'effectiveOn must be between 2020-01-01 and 2026-03-02 (…)', {
      code: 'enrollment.deduction_date_out_of_range',
      params: { earliest: '2020-01-01', latest: '2026-03-02', daysAhead: 92 },
    });
    expect(gone.message).toBe(
      'Ngày giảm trừ phải từ 01/01/2020 đến 02/03/2026 (không quá 92 ngày sau hôm nay, giờ Việt Nam)',
    );
  });

  it('falls back on the status, then on a generic Vietnamese message, never on the API’s English', () => {
    expect(new ApiError(503, '<html>Bad gateway</html>').message).toBe(
      'Hệ thống tạm thời gián đoạn, chưa có gì thay đổi; vui lòng thử lại sau ít phút',
    );
    expect(
      new ApiError(429, 'Too many requests', { error: 'Too many requests (public limit)' }).message,
    ).toBe('Có quá nhiều yêu cầu; vui lòng đợi một lát rồi thử lại');
    const unknown = new ApiError(400, 'Something new', {
      code: 'feature.from_the_future',
      message: 'Something new',
    });
    expect(unknown.message).toBe(GENERIC_ERROR);
  });

  it('says each field in error by its rule, beside the form’s field when the form has it', () => {
    const refusal = new ApiError(
      400,
      'code must be 2 to 64 letters, digits or . _ -; title must be a string',
      {
        statusCode: 400,
        code: 'validation.failed',
        errors: [
          { field: 'code', rule: 'matches', message: 'code must be 2 to 64 letters, digits or . _ -' },
          { field: 'title', rule: 'isString', message: 'title must be a string' },
          { field: 'colour', rule: 'whitelistValidation', message: 'property colour should not exist' },
        ],
      },
    );
    expect(refusal.message).toBe(
      '"code" gồm 2–64 ký tự: chữ cái không dấu, chữ số, dấu - (với lớp: cả . và _); "title" phải là văn bản; ' +
        '"colour" không phải là thông tin hệ thống nhận',
    );
    expect(refusal.byField({ code: 'Mã', title: 'Tên' })).toEqual({
      byField: {
        code: '"Mã" gồm 2–64 ký tự: chữ cái không dấu, chữ số, dấu - (với lớp: cả . và _)',
        title: '"Tên" phải là văn bản',
      },
      other: ['"colour" không phải là thông tin hệ thống nhận'],
    });
    // A feature's error about one field goes beside it, said by its code.
    const taken = new ApiError(409, 'code: course "DA06" exists', {
      code: 'course.code_taken',
      errors: [{ field: 'code', rule: 'course.code_taken', message: 'code: course "DA06" exists' }],
      params: { code: 'DA06' },
    });
    expect(taken.byField({ code: 'Mã' })).toEqual({
      byField: { code: 'Mã "DA06" đã có (mã không phân biệt chữ hoa, chữ thường)' },
      other: [],
    });
    // A refusal about the whole request goes above the buttons.
    const locked = new ApiError(409, 'completion: …', { code: 'course.completion_locked' });
    expect(locked.byField({ code: 'Mã' }).other).toEqual([locked.message]);
  });
});
