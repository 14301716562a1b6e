import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, UseGuards, ConflictException, BadRequestException } from '@nestjs/common';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '../../auth/src';
import { UnitsService, type AdminUnit } from '../../units/src';
import { CohortsRepository, type Cohort } from './cohorts.repository';
import { CoursesRepository, type Course } from './courses.repository';
import { CreateCohortDto } from './dto/create-cohort.dto';
import { CreateCourseDto } from './dto/create-course.dto';
import { DeductionDto, EnrollLearnersDto, ReplacementDto } from './dto/enrollment.dto';
import { EnrollmentsService } from './enrollments.service';
import type { EnrollmentView } from './enrollments.repository';
import { provinceScope } from './scope';

/**
 * Provinces, courses, cohorts and enrollments. Every cohort and enrollment query takes the caller's
 * province scope, so a coordinator cannot reach another province's rows even by id (404).
 */
@Controller('api/v1')
@UseGuards(BearerAuthGuard)
export class ProgramController {
  constructor(
    private readonly units: UnitsService,
    private readonly courses: CoursesRepository,
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsService,
  ) {}

  @Get('provinces')
  async provinces(@Query('era') era = 'current'): Promise<AdminUnit[]> {
    if (era !== 'legacy' && era !== 'current') throw new BadRequestException('era must be legacy or current');
    return this.units.list(era);
  }

  @Post('courses')
  @Roles('national-admin')
  async createCourse(@Body() body: CreateCourseDto): Promise<Course> {
    const course = await this.courses.insert(body);
    if (!course) throw new ConflictException(`course code "${body.code}" exists`);
    return course;
  }

  @Get('courses')
  listCourses(): Promise<Course[]> {
    return this.courses.list();
  }

  @Post('cohorts')
  @Roles('national-admin', 'coordinator')
  async createCohort(@Body() body: CreateCohortDto, @CurrentUser() user: AuthUser): Promise<Cohort> {
    const course = await this.courses.byCode(body.courseCode);
    if (!course) throw new BadRequestException(`courseCode "${body.courseCode}" is not a course`);
    const province = await this.units.resolveProvince(body.province, 'province');
    const scope = await provinceScope(user, this.units);
    if (scope && !scope.includes(province.id)) throw new ForbiddenException(`province "${body.province}" is outside your provinces`);
    if (body.startsOn && body.endsOn && body.endsOn < body.startsOn) throw new BadRequestException('endsOn must not be before startsOn');
    const id = await this.cohorts.insert({ ...body, courseId: course.id, provinceId: province.id });
    if (!id) throw new ConflictException(`cohort code "${body.code}" exists`);
    return (await this.cohorts.find(id, null)) as Cohort;
  }

  @Get('cohorts')
  async listCohorts(@CurrentUser() user: AuthUser): Promise<Cohort[]> {
    return this.cohorts.list(await provinceScope(user, this.units));
  }

  @Get('cohorts/:id')
  getCohort(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<Cohort> {
    return this.cohort(id, user);
  }

  @Post('cohorts/:id/enrollments')
  @Roles('national-admin', 'coordinator')
  async enroll(@Param('id', ParseUUIDPipe) id: string, @Body() body: EnrollLearnersDto, @CurrentUser() user: AuthUser) {
    return this.enrollments.enroll(await this.cohort(id, user), body.learners, user);
  }

  @Get('cohorts/:id/enrollments')
  async listEnrollments(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Query('status') status?: string): Promise<EnrollmentView[]> {
    return this.enrollments.list(await this.cohort(id, user), status);
  }

  @Post('enrollments/:id/deduction')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  async deduct(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeductionDto, @CurrentUser() user: AuthUser): Promise<void> {
    await this.enrollments.deduct(id, body, user, await provinceScope(user, this.units));
  }

  @Delete('enrollments/:id/deduction')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  async undoDeduction(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.enrollments.undoDeduction(id, user, await provinceScope(user, this.units));
  }

  @Post('enrollments/:id/replacement')
  @Roles('national-admin', 'coordinator')
  async replace(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReplacementDto, @CurrentUser() user: AuthUser): Promise<{ enrollmentId: string }> {
    return this.enrollments.replace(id, body.learner, user, await provinceScope(user, this.units));
  }

  @Delete('enrollments/:id/replacement')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  async undoReplacement(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.enrollments.undoReplacement(id, user, await provinceScope(user, this.units));
  }

  private async cohort(id: string, user: AuthUser): Promise<Cohort> {
    const cohort = await this.cohorts.find(id, await provinceScope(user, this.units));
    if (!cohort) throw new NotFoundException('No such cohort');
    return cohort;
  }
}
