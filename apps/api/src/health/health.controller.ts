import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '@hocba/queue';

const CHECK_TIMEOUT_MS = 2000;

/**
 * GET /health (Terminus): 200 when PostgreSQL and Redis both answer within 2 s, 503 naming the one
 * that does not (`error.redis.status: "down"`).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @HealthCheck()
  async check(@Res() reply: FastifyReply): Promise<void> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.database.pingCheck('database', { connection: this.dataSource, timeout: CHECK_TIMEOUT_MS }),
        () => this.redisCheck(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus's own answer, whatever shape the error filter gives other refusals.
      return void reply.status(503).send(error.getResponse());
    }
    void reply.status(200).send(result);
  }

  private async redisCheck() {
    const check = this.indicators.check('redis');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`timeout of ${CHECK_TIMEOUT_MS}ms exceeded`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return check.up();
    } catch (error) {
      return check.down((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}
