import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { ERROR_CODES, FIELD_RULES } from '@hocba/errors';
import { ERROR_TEXT, fieldText, RULE_TEXT } from '../apps/web/src/error-codes';
// Every module of the API, so that every DTO's decorators have registered their rules.
import { AppModule } from '../apps/api/src/app.module';

/** A class, as class-validator keys its metadata. */
type Constructor = abstract new (...args: never[]) => unknown;

/**
 * The error registry (libs/errors) is the one list of the codes the API can emit (a feature's
 * exception takes its code from it, typed) and of the rules a field error can name. The web app
 * says each in Vietnamese (apps/web/src/error-codes.ts), and docs/errors.md lists each code.
 */
describe('error codes', () => {
  const codes = Object.keys(ERROR_CODES).sort();

  it('has a Vietnamese text in the web app for every code the server can emit, and none for a code it cannot', () => {
    expect(Object.keys(ERROR_TEXT).sort()).toEqual(codes);
    const sample = {
      value: 'Atlantis',
      code: 'DA06',
      seconds: 120,
      earliest: '2020-01-01',
      latest: '2026-03-01',
    };
    for (const code of codes) {
      const text = ERROR_TEXT[code];
      const said = typeof text === 'string' ? text : text(sample);
      expect([code, said.trim().length > 0, /undefined|NaN|\[object/.test(said)]).toEqual([
        code,
        true,
        false,
      ]);
    }
  });

  it('has a Vietnamese text for every field rule', () => {
    expect(Object.keys(RULE_TEXT).sort()).toEqual(Object.keys(FIELD_RULES).sort());
    expect(
      fieldText(
        { field: 'title', rule: 'maxLength', message: 'title must be at most 200 characters' },
        'Tên',
      ),
    ).toBe('"Tên" dài tối đa 200 ký tự');
    expect(
      fieldText(
        { field: 'learners.0.fullName', rule: 'isDefined', message: 'learners.0.fullName is required' },
        'Họ tên',
      ),
    ).toBe('"Họ tên" không được để trống');
    // A feature's single-field error is said by its code, with the answer's params.
    expect(
      fieldText({ field: 'code', rule: 'course.code_taken', message: 'code: course "DA06" exists' }, 'Mã', {
        code: 'DA06',
      }),
    ).toBe('Mã "DA06" đã có (mã không phân biệt chữ hoa, chữ thường)');
  });

  it('names in FIELD_RULES every rule a DTO of the API can break', () => {
    expect(AppModule).toBeDefined();
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<Constructor, { type: string; constraintCls: Constructor }[]>;
    };
    const used = new Set<string>();
    for (const [target, metadatas] of storage.validationMetadatas) {
      // The configuration is validated at boot (ConfigError), never answered over HTTP.
      if (target.name === 'HocbaConfig') continue;
      for (const m of metadatas) {
        if (m.type === 'conditionalValidation') continue;
        if (m.type !== 'customValidation') used.add(m.type);
        else for (const c of constraintNames(m.constraintCls)) used.add(c);
      }
    }
    // Rules the pipe itself adds: unknown members (whitelist) and bodies that are no object.
    used.add('whitelistValidation');
    used.add('unknownValue');
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((rule) => !(rule in FIELD_RULES)).sort()).toEqual([]);
  });

  it('lists every code with its status in docs/errors.md', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `([a-z_.]+)` +\| (\d{3}) /gm)].map((m) => [m[1], Number(m[2])]);
    expect(listed.sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(
      codes.map((c) => [c, ERROR_CODES[c as keyof typeof ERROR_CODES].status]),
    );
  });
});

/** The names a custom constraint's errors carry (`isString`, `maxLength`, …). */
function constraintNames(cls: Constructor): string[] {
  return getMetadataStorage()
    .getTargetValidatorConstraints(cls)
    .map((c) => c.name);
}
