export { Metrics } from './metrics';
export { MetricsModule } from './metrics.module';
export { metricsAccess, type MetricsAccess } from './metrics-access';
