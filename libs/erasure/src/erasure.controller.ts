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
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '../../auth/src';
import { PersonalDataKeys } from '../../privacy/src';
import { ErasureService, type ErasureSummary } from './erasure.service';

export class ErasureDto {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class LearnerLookupQuery {
  @Matches(/^\d{12}$/, { message: 'nationalId (CCCD) must be 12 digits' })
  nationalId: string;
}

/** A person's request about their data reaches the national administrators. */
@Controller('api/v1/learners')
@UseGuards(BearerAuthGuard)
@Roles('national-admin')
export class ErasureController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly dataSource: DataSource,
    private readonly keys: PersonalDataKeys,
  ) {}

  /** The learner holding a CCCD (found by its keyed hash; the CCCD itself is stored sealed). */
  @Get()
  async find(
    @Query() query: LearnerLookupQuery,
  ): Promise<{ id: string; fullName: string; enrollments: number; erasedAt: string | null }[]> {
    const ring = await this.keys.keyring();
    const rows: { id: string; full_name: string; enrollments: number; erased_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT l.id, l.full_name, l.erased_at, (SELECT count(*)::int FROM enrollment e WHERE e.learner_id = l.id) AS enrollments
           FROM learner l WHERE l.national_id_hash = ANY($1::text[])`,
        [ring.hashes(query.nationalId)],
      );
    return rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      enrollments: r.enrollments,
      erasedAt: r.erased_at?.toISOString() ?? null,
    }));
  }

  /** Erases the learner's personal data; their seats stay in every count. 409 when already erased. */
  @Post(':id/erasure')
  @HttpCode(200)
  erase(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ErasureDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ErasureSummary> {
    return this.erasure.erase(id, body.reason, user);
  }
}
