import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics in Prometheus format: one registry per application (tests run several in one
 * process), Node's own figures, HTTP traffic by route pattern (never a URL's values), and what the
 * service did. Gauges read at scrape time are registered by the code that knows them.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'hocba_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'hocba_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly statementsStored = new Counter({
    name: 'hocba_statements_stored_total',
    help: 'xAPI statements stored (acknowledged to the client) by this process',
    registers: [this.registry],
  });

  /** The statement writer's group commits: where a slow statement request spent its time. */
  readonly statementQueueWait = new Histogram({
    name: 'hocba_statement_queue_wait_seconds',
    help: 'Time a statement request waited for a write transaction to take it',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly statementTransaction = new Histogram({
    name: 'hocba_statement_transaction_seconds',
    help: 'Duration of a statement write transaction (statements, progress, certificate requests, commit)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly statementGroupSize = new Histogram({
    name: 'hocba_statement_transaction_statements',
    help: 'Statements written by one write transaction (requests that queued together)',
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hocba_' });
  }
}
