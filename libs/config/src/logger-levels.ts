import type { LogLevel } from '@nestjs/common';
import type { HocbaConfig } from './config';

const SEVERITY: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's logger levels for LOG_LEVEL: that level and every more severe one. Both apps (the API
 * and the worker) build their logger from it, so it lives with the configuration it reads.
 */
export function loggerLevels(level: HocbaConfig['LOG_LEVEL']): LogLevel[] {
  return SEVERITY.slice(0, SEVERITY.indexOf(level) + 1);
}
