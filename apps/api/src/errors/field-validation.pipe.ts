import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { HocbaError, type FieldError } from '@hocba/errors';

/** Nest's last message when its budget for error messages cut the list short. */
const OMITTED = 'Further validation errors were omitted';

/**
 * Nest's ValidationPipe, refusing with `validation.failed`: `errors` lists each field (its path as
 * the client sent it, "learners.0.fullName"), the rule (class-validator's constraint name) and the
 * message; `message` is those messages joined by "; ", word for word what Nest's own list holds
 * (a nested field's message prefixed with its parents' path), and cut short by the same budget.
 */
export class FieldValidationPipe extends ValidationPipe {
  override createExceptionFactory(): (validationErrors?: ValidationError[]) => HocbaError {
    return (validationErrors: ValidationError[] = []) => {
      const budget = { remaining: this.maxErrorMessagesLength, isExceeded: false };
      const errors = fieldErrors(this.limitValidationErrors(validationErrors, budget));
      const messages = errors.map((e) => e.message);
      if (budget.isExceeded) messages.push(OMITTED);
      return new HocbaError('validation.failed', messages.join('; '), { errors });
    };
  }
}

/**
 * class-validator's tree as a list, in the order and with the messages Nest's flattening gives:
 * a field's own constraints after its children's; a top-level field with children keeps only theirs.
 */
export function fieldErrors(validationErrors: ValidationError[]): FieldError[] {
  const found: FieldError[] = [];
  const visit = (error: ValidationError, parentPath: string | undefined): void => {
    const path = parentPath === undefined ? error.property : `${parentPath}.${error.property}`;
    const children = error.children ?? [];
    for (const child of children) visit(child, path);
    if (children.length > 0 && parentPath === undefined) return;
    for (const [rule, message] of Object.entries(error.constraints ?? {}))
      found.push({
        field: path,
        rule,
        message: parentPath === undefined ? message : `${parentPath}.${message}`,
      });
  };
  for (const error of validationErrors) visit(error, undefined);
  return found;
}
