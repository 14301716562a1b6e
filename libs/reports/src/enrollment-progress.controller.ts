import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentUser, type AuthUser } from '@hocba/auth';
import { provinceScope, UnitsService } from '@hocba/units';
import { EnrollmentProgressDto } from './dto/funnel-responses.dto';
import { FunnelRepository, type EnrollmentProgress } from './funnel.repository';
import { ReportError } from './reports.errors';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/enrollments')
@UseGuards(BearerAuthGuard)
export class EnrollmentProgressController {
  constructor(
    private readonly repository: FunnelRepository,
    private readonly units: UnitsService,
  ) {}

  /** A learner's milestones in one enrollment and the statements that set them (404 outside the caller's provinces). */
  @Get(':id/progress')
  @ApiOkResponse({ type: EnrollmentProgressDto })
  async progress(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<EnrollmentProgress> {
    const found = await this.repository.enrollmentProgress(id, await provinceScope(user, this.units));
    if (!found) throw new ReportError('enrollment.not_found', 'No such enrollment');
    return found;
  }
}
