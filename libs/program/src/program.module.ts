import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule, AuthModule } from '@hocba/auth';
import { JobsModule, JobsWorkerModule } from '@hocba/jobs';
import { CourseCatalog } from '@hocba/lrs';
import { PrivacyModule } from '@hocba/privacy';
import { ProgressModule } from '@hocba/progress';
import { UnitsModule } from '@hocba/units';
import { CohortAccess } from './cohort-access';
import { CohortsRepository } from './cohorts.repository';
import { ProgramCourseCatalog } from './course-catalog';
import { CoursesRepository } from './courses.repository';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';
import { EnrollmentImportHandler } from './imports/enrollment-import.handler';
import { EnrollmentImportService } from './imports/enrollment-import.service';
import { ImportTemplateController } from './imports/import-template.controller';
import { LearnersRepository } from './learners.repository';
import { LearnersService } from './learners.service';
import { ProgramController } from './program.controller';
import { CohortEntity } from './entities/cohort.entity';
import { CourseEntity } from './entities/course.entity';
import { EnrollmentEntity } from './entities/enrollment.entity';
import { LearnerEntity } from './entities/learner.entity';

/**
 * The program's tables (courses, cohorts, learners, enrollments) and the services other libs call
 * them through, in every process: cohorts within a caller's provinces (CohortAccess), seats
 * (EnrollmentsService), learners (LearnersService), and the courses an LRS client may be scoped
 * to (CourseCatalog, which the LRS looks up).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CourseEntity, CohortEntity, LearnerEntity, EnrollmentEntity]),
    AuthCoreModule,
    PrivacyModule,
    ProgressModule,
    UnitsModule,
  ],
  providers: [
    CoursesRepository,
    CohortsRepository,
    CohortAccess,
    EnrollmentsRepository,
    EnrollmentsService,
    LearnersRepository,
    LearnersService,
    { provide: CourseCatalog, useClass: ProgramCourseCatalog },
  ],
  exports: [
    CoursesRepository,
    CohortsRepository,
    CohortAccess,
    EnrollmentsService,
    LearnersService,
    CourseCatalog,
  ],
})
export class ProgramCoreModule {}

/** The training program in the API: courses, cohorts, learners, enrollments, deductions and replacements. */
@Module({
  imports: [ProgramCoreModule, JobsModule, AuthModule, UnitsModule],
  controllers: [ProgramController, ImportTemplateController],
  providers: [EnrollmentImportService],
  exports: [ProgramCoreModule],
})
export class ProgramModule {}

/** The program's background work, for the worker process: enrollment imports. */
@Module({
  imports: [ProgramCoreModule, JobsWorkerModule, UnitsModule],
  providers: [EnrollmentImportHandler],
})
export class ProgramWorkerModule {}
