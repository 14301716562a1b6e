import { Logger } from '@nestjs/common';
import { loadConfig } from '@hocba/config';
import { createApiApp } from './http';

/** The API alone, as operators run it (DATABASE_URL and REDIS_URL point at real servers). */
export async function startApi(
  options: { shutdownHooks?: boolean } = {},
): Promise<{ close(): Promise<void>; url: string }> {
  const config = loadConfig();
  const app = await createApiApp(options);
  await app.listen(config.PORT, '0.0.0.0');
  const url = await app.getUrl();
  new Logger('Api').log(`Listening on ${url.replace('[::1]', 'localhost')}`);
  return { close: () => app.close(), url };
}

if (require.main === module) {
  startApi().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
