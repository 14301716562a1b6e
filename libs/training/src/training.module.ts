import { Module } from '@nestjs/common';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

/** The national tables' other half: training outside the platforms Hocba tracks, and the training-volume report. */
@Module({ controllers: [TrainingController], providers: [TrainingRepository, TrainingService] })
export class TrainingModule {}
