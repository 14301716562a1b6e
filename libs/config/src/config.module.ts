import { Global, Module } from '@nestjs/common';
import { HocbaConfig, loadConfig } from './config';

/** Provides the one validated HocbaConfig; the process refuses to start when it is invalid. */
@Global()
@Module({
  providers: [{ provide: HocbaConfig, useFactory: () => loadConfig() }],
  exports: [HocbaConfig],
})
export class ConfigModule {}
