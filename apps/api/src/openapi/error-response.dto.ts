import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One rule a field broke (a row's, for files and lists of learners). */
export class FieldErrorDto {
  @ApiPropertyOptional({ type: 'integer', description: 'The row, for a file or a list.', example: 3 })
  row?: number;

  @ApiProperty({ description: 'The field as a client names it.', example: 'learners.0.nationalId' })
  field: string;

  @ApiPropertyOptional({ description: 'The rule it breaks.', example: 'matches' })
  rule?: string;

  @ApiProperty({ example: 'nationalId (CCCD) must be 12 digits' })
  message: string;
}

/**
 * The body of every error on /api and the pages' JSON neighbours: the HTTP status, a stable
 * machine code, a message naming the field and the rule, and, for several problems, each one.
 * (/xapi answers the xAPI error body, XapiErrorDto in the xAPI description.)
 */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'A stable machine code for the error.', example: 'validation.failed' })
  code: string;

  @ApiProperty({
    description: 'What went wrong, naming the field and the rule.',
    example: 'startsOn must be a date (YYYY-MM-DD)',
  })
  message: string;

  @ApiPropertyOptional({ type: () => [FieldErrorDto], description: 'Each problem, when there are several.' })
  errors?: FieldErrorDto[];
}
