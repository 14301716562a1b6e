import { Module } from '@nestjs/common';
import { CohortsRepository } from './cohorts.repository';
import { CoursesRepository } from './courses.repository';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';
import { ProgramController } from './program.controller';

/** The training program: courses, cohorts, learners, enrollments, deductions and replacements. */
@Module({
  controllers: [ProgramController],
  providers: [CoursesRepository, CohortsRepository, EnrollmentsRepository, EnrollmentsService],
})
export class ProgramModule {}
