export { JobsCoreModule, JobsModule, JobsWorkerModule } from './jobs.module';
export { OutboxRepository } from './outbox.repository';
export { JobsRepository, type JobRecord, type JobState, type TrackedJob } from './jobs.repository';
export { OutboxRelay } from './outbox-relay.service';
export { HandlesJob, type JobHandler, type JobContext } from './job-handler';
export { JobQueues } from './job-queues.service';
export { repeat } from './repeat';
export { JobEntity } from './entities/job.entity';
export { JobAcceptedDto, JobViewDto } from './dto/job.dto';
