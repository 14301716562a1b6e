import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { JOB_QUEUES, type JobName } from '@hocba/queue';
import { HandlesJob, type JobHandler } from './job-handler';
import { JobHandlers } from './job-handlers.service';

const ran: string[] = [];

/** A handler class for a job, recording what it ran. */
function handlerOf(name: JobName): Type<JobHandler> {
  @Injectable()
  @HandlesJob(name)
  class Handler implements JobHandler {
    run(payload: unknown): Promise<void> {
      ran.push(`${name} ${JSON.stringify(payload)}`);
      return Promise.resolve();
    }
  }
  return Handler;
}

async function handlersAmong(providers: Type<JobHandler>[]): Promise<JobHandlers> {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlers, ...providers],
  }).compile();
  return module.get(JobHandlers);
}

const everyJob = Object.keys(JOB_QUEUES) as JobName[];

describe(JobHandlers.name, () => {
  describe('check', () => {
    it('passes when every job of the catalogue has exactly one handler, and run hands a job to its own', async () => {
      const handlers = await handlersAmong(everyJob.map(handlerOf));
      handlers.check();
      ran.length = 0;
      await handlers.run({
        name: 'certificate-render',
        id: '1',
        data: { certificateId: 'c1' },
        attemptsMade: 0,
        opts: {},
        timestamp: Date.now(),
      } as unknown as Job);
      expect(ran).toEqual(['certificate-render {"certificateId":"c1"}']);
    });

    it('refuses to start, naming each job without a handler or with two', async () => {
      const handlers = await handlersAmong([
        ...everyJob.filter((name) => name !== 'report-pack').map(handlerOf),
        handlerOf('certificate-render'),
      ]);
      expect(() => handlers.check()).toThrow(
        'Job handlers: job "certificate-render" has 2 handlers; it needs exactly one; job "report-pack" has 0 handlers; it needs exactly one',
      );
    });
  });
});
