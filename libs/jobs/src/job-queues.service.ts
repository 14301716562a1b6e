import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { HocbaConfig } from '@hocba/config';
import { REDIS, type QueueName } from '@hocba/queue';

/** The producer side of the queues: one BullMQ Queue per name, on the process's Redis connection. */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: HocbaConfig,
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.config.HOCBA_QUEUE_PREFIX });
      // A Redis outage is reported by the relay and /health; the queue must not crash the process.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The progress (0-100) BullMQ holds for a running job, or undefined. */
  async progress(name: QueueName, jobId: string): Promise<number | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    const job = await this.get(name).getJob(jobId);
    return typeof job?.progress === 'number' ? job.progress : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection is shared and closed by QueueModule; close() here only stops the queues' own work.
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
