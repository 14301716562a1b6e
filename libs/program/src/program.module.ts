import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule, JobsWorkerModule } from '@hocba/jobs';
import { CohortAccess } from './cohort-access';
import { CohortsRepository } from './cohorts.repository';
import { CoursesRepository } from './courses.repository';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';
import { EnrollmentImportHandler } from './imports/enrollment-import.handler';
import { EnrollmentImportService } from './imports/enrollment-import.service';
import { ImportTemplateController } from './imports/import-template.controller';
import { ProgramController } from './program.controller';
import { CohortEntity } from './entities/cohort.entity';
import { CourseEntity } from './entities/course.entity';
import { EnrollmentEntity } from './entities/enrollment.entity';
import { LearnerEntity } from './entities/learner.entity';

const ENTITIES = TypeOrmModule.forFeature([CourseEntity, CohortEntity, LearnerEntity, EnrollmentEntity]);

/** The training program: courses, cohorts, learners, enrollments, deductions and replacements. */
@Module({
  imports: [JobsModule, ENTITIES],
  controllers: [ProgramController, ImportTemplateController],
  providers: [
    CoursesRepository,
    CohortsRepository,
    CohortAccess,
    EnrollmentsRepository,
    EnrollmentsService,
    EnrollmentImportService,
  ],
  // Cohorts by id within the caller's provinces: the certificates' endpoints look them up too.
  exports: [CohortsRepository, CohortAccess],
})
export class ProgramModule {}

/** The program's background work, for the worker process: enrollment imports. */
@Module({
  imports: [JobsWorkerModule, ENTITIES],
  providers: [CohortsRepository, EnrollmentsRepository, EnrollmentsService, EnrollmentImportHandler],
})
export class ProgramWorkerModule {}
