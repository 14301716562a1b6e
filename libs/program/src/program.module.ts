import { Module } from '@nestjs/common';
import { JobsModule, JobsWorkerModule } from '../../jobs/src';
import { CohortAccess } from './cohort-access';
import { CohortsRepository } from './cohorts.repository';
import { CoursesRepository } from './courses.repository';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';
import { EnrollmentImportHandler } from './imports/enrollment-import.handler';
import { EnrollmentImportService } from './imports/enrollment-import.service';
import { ImportTemplateController } from './imports/import-template.controller';
import { ProgramController } from './program.controller';

/** The training program: courses, cohorts, learners, enrollments, deductions and replacements. */
@Module({
  imports: [JobsModule],
  controllers: [ProgramController, ImportTemplateController],
  providers: [
    CoursesRepository,
    CohortsRepository,
    CohortAccess,
    EnrollmentsRepository,
    EnrollmentsService,
    EnrollmentImportService,
  ],
})
export class ProgramModule {}

/** The program's background work, for the worker process: enrollment imports. */
@Module({
  imports: [JobsWorkerModule],
  providers: [CohortsRepository, EnrollmentsRepository, EnrollmentsService, EnrollmentImportHandler],
})
export class ProgramWorkerModule {}
