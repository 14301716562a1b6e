import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The multipart/form-data body of an enrollment import, for the API description only: the parts are
 * read by readUpload and checked by the import, not by the validation pipe.
 */
export class EnrollmentImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'The learners as .xlsx or .csv (UTF-8), one row each, with the columns of GET /api/v1/enrollments/template.xlsx.',
  })
  file: unknown;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true checks the file and reports what would change, writing nothing. Also accepted as a query parameter.',
    example: 'false',
  })
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({
    format: 'uri',
    description:
      "The platform URL of the file's account names, when the file has an account column without one.",
    example: 'https://mooc.example.vn',
  })
  accountHomePage?: string;
}
