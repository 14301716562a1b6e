export { HocbaConfig, ConfigError, loadConfig } from './config';
export { ConfigModule } from './config.module';
export { loggerLevels } from './logger-levels';
export { parseKeyList } from './pii-keys';
