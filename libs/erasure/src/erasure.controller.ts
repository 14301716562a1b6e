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
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { ErasureService, type ErasureSummary, type LearnerFound } from './erasure.service';

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
  constructor(private readonly erasure: ErasureService) {}

  /** The learner holding a CCCD (found by its keyed hash; the CCCD itself is stored sealed). */
  @Get()
  find(@Query() query: LearnerLookupQuery): Promise<LearnerFound[]> {
    return this.erasure.findByNationalId(query.nationalId);
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
