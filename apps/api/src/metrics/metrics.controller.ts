import { Controller, Get, Header, Headers, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import { CertificatesRepository } from '@hocba/certificates';
import { JobQueues, OutboxRepository } from '@hocba/jobs';
import { HocbaConfig } from '@hocba/config';
import { Metrics, metricsAccess } from '@hocba/metrics';
import { QueueName } from '@hocba/queue';
import { HocbaError } from '@hocba/errors';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * GET /metrics, Prometheus text format: this process's figures, plus what the whole deployment has
 * waiting (queues in Redis, the outbox and certificates not yet rendered in PostgreSQL), read at
 * scrape time. No personal data; route patterns only. Only for the bearer token HOCBA_METRICS_TOKEN
 * (401 without it or with another); 404 when no token is configured, so an instance never shows its
 * figures to anonymous callers. Not rate-limited (Prometheus polls it); keep it on the internal
 * network as well (the operator's guide in docker/README.md).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queues: JobQueues,
    private readonly outbox: OutboxRepository,
    private readonly certificates: CertificatesRepository,
    private readonly config: HocbaConfig,
  ) {}

  onModuleInit(): void {
    const { queues, outbox, certificates } = this;
    new Gauge({
      name: 'hocba_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state',
      labelNames: ['queue', 'state'],
      registers: [this.metrics.registry],
      async collect() {
        for (const name of Object.values(QueueName)) {
          const counts = await queues
            .get(name)
            .getJobCounts(...STATES)
            .catch(() => undefined);
          for (const state of STATES) if (counts) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'hocba_backlog',
      help: 'Work waiting in PostgreSQL: outbox rows not yet handed to the queues, certificates not yet rendered',
      labelNames: ['kind'],
      registers: [this.metrics.registry],
      async collect() {
        // Each count from the lib that owns its table.
        const [waiting, pending] = await Promise.all([outbox.waiting(), certificates.pendingCount()]);
        this.set({ kind: 'outbox' }, waiting);
        this.set({ kind: 'certificates-pending' }, pending);
      },
    });
  }

  @Get()
  @Header('cache-control', 'no-store')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const access = metricsAccess(this.config.HOCBA_METRICS_TOKEN, authorization);
    if (access === 'off')
      throw new HocbaError('metrics.off', 'GET /metrics is off: set HOCBA_METRICS_TOKEN and scrape with it');
    if (access === 'refused')
      throw new HocbaError(
        'metrics.bad_token',
        'GET /metrics needs the bearer token set in HOCBA_METRICS_TOKEN',
        {
          headers: { 'www-authenticate': 'Bearer realm="metrics"' },
        },
      );
    return this.metrics.registry.metrics();
  }
}
