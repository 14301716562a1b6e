import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, loggerLevels } from '@hocba/config';
import { WorkerModule } from './worker.module';

export async function startWorker(
  options: { shutdownHooks?: boolean } = {},
): Promise<{ close(): Promise<void> }> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: loggerLevels(config.LOG_LEVEL),
  });
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  new Logger('Worker').log('Worker started');
  return { close: () => app.close() };
}

if (require.main === module) {
  startWorker().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
