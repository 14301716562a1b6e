import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDefined, IsInt, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { HocbaError } from '@hocba/errors';
import { FieldValidationPipe } from './field-validation.pipe';

class Learner {
  @IsDefined({ message: 'fullName is required' })
  @IsString()
  @MaxLength(10)
  fullName: string;
}

class Batch {
  @IsString()
  title: string;

  @IsInt()
  @Min(0)
  size: number;

  @ValidateNested({ each: true })
  @ArrayMaxSize(2)
  @Type(() => Learner)
  learners: Learner[];
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, transform: true };
const METADATA = { type: 'body' as const, metatype: Batch };

/** What a pipe throws for `value`. */
async function refusal(pipe: ValidationPipe, value: unknown): Promise<unknown> {
  return pipe.transform(value, METADATA).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe(FieldValidationPipe.name, () => {
  const body = {
    title: 7,
    size: -1,
    colour: 'red',
    learners: [{ fullName: 'Nguyễn Thị Minh Khai' }, {}, { fullName: 'A', age: 3 }],
  };

  it('lists each field, rule and message; its message is word for word Nest’s own list', async () => {
    const ours = await refusal(new FieldValidationPipe(OPTIONS), body);
    const nests = (await refusal(new ValidationPipe(OPTIONS), body)) as BadRequestException;
    expect(ours).toBeInstanceOf(HocbaError);
    const error = ours as HocbaError;
    expect(error.code).toBe('validation.failed');
    expect(error.status).toBe(400);
    expect(error.message).toBe((nests.getResponse() as { message: string[] }).message.join('; '));
    expect(error.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', rule: 'isString', message: 'title must be a string' },
        { field: 'size', rule: 'min', message: 'size must not be less than 0' },
        { field: 'colour', rule: 'whitelistValidation', message: 'property colour should not exist' },
        {
          field: 'learners.0.fullName',
          rule: 'maxLength',
          message: 'learners.0.fullName must be shorter than or equal to 10 characters',
        },
        { field: 'learners.1.fullName', rule: 'isDefined', message: 'learners.1.fullName is required' },
        {
          field: 'learners.2.age',
          rule: 'whitelistValidation',
          message: 'learners.2.property age should not exist',
        },
      ]),
    );
    expect(error.errors!.map((e) => e.message)).toEqual(error.message.split('; '));
    // As in Nest's list: a top-level field with nested errors keeps only theirs (arrayMaxSize is not listed).
    expect(error.errors!.filter((e) => e.field === 'learners')).toEqual([]);
  });

  it('cuts the list where Nest’s budget for messages cuts it, and says so', async () => {
    const options = { ...OPTIONS, maxErrorMessagesLength: 40 };
    const ours = (await refusal(new FieldValidationPipe(options), body)) as HocbaError;
    const nests = (await refusal(new ValidationPipe(options), body)) as BadRequestException;
    expect(ours.message).toBe((nests.getResponse() as { message: string[] }).message.join('; '));
    expect(ours.message).toMatch(/Further validation errors were omitted$/);
  });
});
