import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { ErasureService, type ErasureSummary, type LearnerFound } from './erasure.service';

export class ErasureDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Yêu cầu của người học ngày 10/11/2026' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

const NATIONAL_ID = /^\d{12}$/;

export class LearnerLookupQuery {
  @ApiProperty({ pattern: NATIONAL_ID.source, description: 'The CCCD (12 digits).', example: '001099000123' })
  @Matches(NATIONAL_ID, { message: 'nationalId (CCCD) must be 12 digits' })
  nationalId: string;
}

class LearnerFoundDto implements LearnerFound {
  @ApiProperty({ format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' })
  id: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({ type: 'integer', example: 2 })
  enrollments: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  erasedAt: string | null;
}

class ErasureSummaryDto implements ErasureSummary {
  @ApiProperty({ format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' })
  learnerId: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T04:00:00.000Z' })
  erasedAt: string;

  @ApiProperty({
    type: 'integer',
    description: 'Seats kept (they stay in every count), now nameless.',
    example: 2,
  })
  enrollments: number;

  @ApiProperty({ type: 'integer', description: 'Certificates revoked, their PDFs deleted.', example: 1 })
  certificates: number;

  @ApiProperty({
    type: 'integer',
    description: 'Statements whose actor now carries a pseudonymous account.',
    example: 57,
  })
  statements: number;

  @ApiProperty({
    type: 'integer',
    description: 'xAPI documents kept under their agent, deleted.',
    example: 3,
  })
  documents: number;
}

/** A person's request about their data reaches the national administrators. */
@ApiTags('learners')
@ApiBearerAuth()
@Controller('api/v1/learners')
@UseGuards(BearerAuthGuard)
@Roles('national-admin')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  /** The learner holding a CCCD (found by its keyed hash; the CCCD itself is stored sealed). */
  @Get()
  @ApiOkResponse({ type: [LearnerFoundDto] })
  find(@Query() query: LearnerLookupQuery): Promise<LearnerFound[]> {
    return this.erasure.findByNationalId(query.nationalId);
  }

  /** Erases the learner's personal data; their seats stay in every count. 409 when already erased. */
  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOkResponse({ type: ErasureSummaryDto })
  @ApiConflictResponse({ description: "The learner's data was erased already." })
  erase(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ErasureDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ErasureSummary> {
    return this.erasure.erase(id, body.reason, user);
  }
}
