import { Module } from '@nestjs/common';
import { Metrics } from './metrics';

/** This process's Prometheus registry (one per application: every importer shares the module's instance). */
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
