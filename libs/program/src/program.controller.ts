import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { JobAcceptedDto } from '@hocba/jobs';
import type { FastifyRequest } from 'fastify';
import { BearerAuthGuard, CurrentUser, outsideScope, Roles, type AuthUser } from '@hocba/auth';
import { provinceScope, UnitsService, type AdminUnit } from '@hocba/units';
import { invalidField } from '@hocba/errors';
import { CohortAccess } from './cohort-access';
import { CohortsRepository, type Cohort } from './cohorts.repository';
import { CoursesRepository, type Course } from './courses.repository';
import { CreateCohortDto } from './dto/create-cohort.dto';
import { CreateCourseDto, UpdateCourseDto } from './dto/create-course.dto';
import { DeductionDto, EnrollLearnersDto, ReplacementDto } from './dto/enrollment.dto';
import { EnrollmentImportUploadDto } from './dto/enrollment-import.dto';
import {
  AdminUnitDto,
  CohortDto,
  CourseDto,
  EnrollmentViewDto,
  EnrollResultDto,
  ReplacementResultDto,
} from './dto/responses.dto';
import { EnrollmentsService, type EnrollResult } from './enrollments.service';
import type { EnrollmentView } from './enrollments.repository';
import { EnrollmentImportService } from './imports/enrollment-import.service';
import { readUpload } from './imports/upload';
import { ProgramError } from './program.errors';

/**
 * Provinces, courses, cohorts and enrollments. Every cohort and enrollment query takes the caller's
 * province scope, so a coordinator cannot reach another province's rows even by id (404).
 */
@ApiTags('program')
@ApiBearerAuth()
@Controller('api/v1')
@UseGuards(BearerAuthGuard)
export class ProgramController {
  constructor(
    private readonly units: UnitsService,
    private readonly courses: CoursesRepository,
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
    private readonly enrollments: EnrollmentsService,
    private readonly imports: EnrollmentImportService,
  ) {}

  @Get('provinces')
  @ApiQuery({
    name: 'era',
    required: false,
    enum: ['legacy', 'current'],
    description: 'The 63 legacy or 34 current provinces.',
  })
  @ApiOkResponse({ type: [AdminUnitDto] })
  async provinces(@Query('era') era = 'current'): Promise<AdminUnit[]> {
    if (era !== 'legacy' && era !== 'current')
      throw invalidField('era', 'isIn', 'era must be legacy or current');
    return this.units.list(era);
  }

  /** The central agencies (ministries) that train their own officials, as units beside the provinces. */
  @Get('agencies')
  @ApiOkResponse({ type: [AdminUnitDto] })
  agencies(): Promise<AdminUnit[]> {
    return this.units.agencies();
  }

  @Post('courses')
  @Roles('national-admin')
  @ApiCreatedResponse({ type: CourseDto })
  @ApiConflictResponse({ description: 'A course has this code (in any case).' })
  async createCourse(@Body() body: CreateCourseDto): Promise<Course> {
    const course = await this.courses.insert(body);
    if (!course) {
      const taken = (await this.courses.byCode(body.code))?.code ?? body.code;
      throw new ProgramError(
        'course.code_taken',
        `code: course "${taken}" exists (codes are unique regardless of case)`,
        {
          field: 'code',
          params: { code: taken },
        },
      );
    }
    return course;
  }

  @Get('courses')
  @ApiOkResponse({ type: [CourseDto] })
  listCourses(): Promise<Course[]> {
    return this.courses.list();
  }

  /** A course's title, completion rule (only before any learner progressed) or automatic certificates. */
  @Put('courses/:code')
  @Roles('national-admin')
  @ApiOkResponse({ type: CourseDto })
  @ApiConflictResponse({
    description: 'The completion rule cannot change once learners of the course have progress.',
  })
  async updateCourse(
    @Param('code') code: string,
    @Body() body: UpdateCourseDto,
    @CurrentUser() user: AuthUser,
  ): Promise<Course> {
    const course = await this.courses.update(code, body, user.id);
    if (!course)
      throw new ProgramError('course.not_found', `code: no course "${code}"`, { params: { code } });
    if (course === 'progressed')
      throw new ProgramError(
        'course.completion_locked',
        'completion: the rule cannot change once learners of the course have progress (their milestones were reached under the rule of the time)',
      );
    return course;
  }

  @Post('cohorts')
  @Roles('national-admin', 'coordinator')
  @ApiCreatedResponse({ type: CohortDto })
  @ApiConflictResponse({ description: 'A cohort has this code (in any case).' })
  async createCohort(@Body() body: CreateCohortDto, @CurrentUser() user: AuthUser): Promise<Cohort> {
    const course = await this.courses.byCode(body.courseCode);
    if (!course)
      throw new ProgramError('cohort.course_unknown', `courseCode "${body.courseCode}" is not a course`, {
        field: 'courseCode',
        params: { courseCode: body.courseCode },
      });
    const province = await this.units.resolveProvince(body.province, 'province');
    const scope = await provinceScope(user, this.units);
    if (scope && !scope.includes(province.id))
      throw outsideScope('province', body.province, `province "${body.province}" is outside your provinces`);
    if (body.startsOn && body.endsOn && body.endsOn < body.startsOn)
      throw new ProgramError('cohort.ends_before_start', 'endsOn must not be before startsOn', {
        field: 'endsOn',
      });
    const id = await this.cohorts.insert({ ...body, courseId: course.id, provinceId: province.id });
    if (!id) {
      const taken = (await this.cohorts.codeTaken(body.code)) ?? body.code;
      throw new ProgramError(
        'cohort.code_taken',
        `code: cohort "${taken}" exists (codes are unique regardless of case)`,
        {
          field: 'code',
          params: { code: taken },
        },
      );
    }
    return (await this.cohorts.find(id, null)) as Cohort;
  }

  @Get('cohorts')
  @ApiOkResponse({ type: [CohortDto] })
  async listCohorts(@CurrentUser() user: AuthUser): Promise<Cohort[]> {
    return this.cohorts.list(await provinceScope(user, this.units));
  }

  @Get('cohorts/:id')
  @ApiOkResponse({ type: CohortDto })
  getCohort(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<Cohort> {
    return this.access.get(id, user);
  }

  @Post('cohorts/:id/enrollments')
  @Roles('national-admin', 'coordinator')
  @ApiCreatedResponse({
    type: EnrollResultDto,
    description: 'Idempotent: sending the same learners again changes nothing.',
  })
  async enroll(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EnrollLearnersDto,
    @CurrentUser() user: AuthUser,
  ): Promise<EnrollResult> {
    const cohort = await this.access.get(id, user);
    return this.enrollments.enroll(
      cohort,
      body.learners.map((raw, i) => ({ row: i + 1, raw })),
      { userId: user.id, scope: await provinceScope(user, this.units) },
    );
  }

  /**
   * Enrollment from a file (multipart: `file`, optional `dryRun`, `accountHomePage`), run by the
   * worker. Answers at once with the job to follow at GET /api/v1/jobs/{jobId}.
   */
  @Post('cohorts/:id/enrollments/import')
  @Roles('national-admin', 'coordinator')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EnrollmentImportUploadDto })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async importEnrollments(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('dryRun') dryRunQuery?: string,
  ): Promise<{ jobId: string }> {
    const cohort = await this.access.get(id, user);
    const upload = await readUpload(request.headers['content-type'], request.body);
    const dryRun = upload.fields.dryRun ?? dryRunQuery ?? 'false';
    if (dryRun !== 'true' && dryRun !== 'false')
      throw invalidField('dryRun', 'isBoolean', 'dryRun must be true or false');
    return this.imports.submit(
      cohort,
      {
        file: upload.file,
        fileName: upload.fileName,
        dryRun: dryRun === 'true',
        accountHomePage: upload.fields.accountHomePage || undefined,
      },
      user,
    );
  }

  @Get('cohorts/:id/enrollments')
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'deducted', 'replaced'] })
  @ApiOkResponse({ type: [EnrollmentViewDto] })
  async listEnrollments(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Query('status') status?: string,
  ): Promise<EnrollmentView[]> {
    return this.enrollments.list(await this.access.get(id, user), status);
  }

  @Post('enrollments/:id/deduction')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deducted.' })
  async deduct(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeductionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    await this.enrollments.deduct(id, body, user, await provinceScope(user, this.units));
  }

  @Delete('enrollments/:id/deduction')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The deduction is undone.' })
  async undoDeduction(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.enrollments.undoDeduction(id, user, await provinceScope(user, this.units));
  }

  @Post('enrollments/:id/replacement')
  @Roles('national-admin', 'coordinator')
  @ApiCreatedResponse({ type: ReplacementResultDto })
  async replace(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplacementDto,
    @CurrentUser() user: AuthUser,
  ): Promise<{ enrollmentId: string; notices: { field: string; message: string }[] }> {
    return this.enrollments.replace(
      id,
      body.learner,
      user,
      await provinceScope(user, this.units),
      body.reason,
    );
  }

  @Delete('enrollments/:id/replacement')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The replacement is undone.' })
  async undoReplacement(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    await this.enrollments.undoReplacement(id, user, await provinceScope(user, this.units));
  }
}
