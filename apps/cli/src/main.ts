/**
 * The operators' command line: `npm run cli -- <command>` (after `npm run build`). It works on the
 * database DATABASE_URL names, migrating it first like the service does.
 */
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@hocba/config';
import { CliModule } from './cli.module';
import { runCommand, USAGE, UsageError } from './commands';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    console.log(USAGE);
    return 0;
  }
  loadConfig();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    console.log(JSON.stringify(await runCommand(app, argv), null, 2));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error((error as Error).message);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
