import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadConfig, type HocbaConfig } from '../../../libs/config/src';
import { AppModule } from './app.module';
import { SafeExceptionFilter } from './safe-exception.filter';

const XAPI_PREFIX = '/xapi';

/**
 * Every body arrives as raw bytes: the xAPI must see exactly what was sent (multipart attachments,
 * documents stored byte for byte, invalid UTF-8 refused rather than repaired). Elsewhere JSON is
 * parsed here, strictly, for the DTO pipes.
 */
function installBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    if (request.url.startsWith(XAPI_PREFIX)) return done(null, body);
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return done(null, body);
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)));
    } catch {
      const error = new Error('The request body is not valid UTF-8 JSON') as Error & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });
}

/** Builds the HTTP application (routes, parsers, pipes) without listening: main.ts and the tests share it. */
export async function createApiApp(
  options: { shutdownHooks?: boolean } = {},
): Promise<NestFastifyApplication> {
  // Read again by ConfigModule inside the app; loading is pure, and the adapter needs it first.
  const config = loadConfig();
  const adapter = new FastifyAdapter({ bodyLimit: config.HOCBA_XAPI_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: loggerLevels(config.LOG_LEVEL),
    bufferLogs: false,
    // Our own parsers below replace Nest's: it would otherwise add its JSON parser at init.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  installBodyParsers(fastify);
  // Every xAPI response, errors from the framework included, says which version answered.
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(XAPI_PREFIX) && !reply.hasHeader('X-Experience-API-Version')) {
      void reply.header('X-Experience-API-Version', '2.0.0');
    }
  });
  installApiDocs(app);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  // Unexpected errors are logged without the row values a driver error carries (personal data).
  app.useGlobalFilters(new SafeExceptionFilter(app.getHttpAdapter()));
  // Standalone processes close on SIGTERM themselves; the launcher (apps/main.ts) orders shutdown itself.
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  return app;
}

/**
 * The OpenAPI description of every route (xAPI, administration, reports), built from the
 * controllers on first request and served as JSON at /docs (YAML at /docs/openapi.yaml).
 */
function installApiDocs(app: NestFastifyApplication): void {
  const description = new DocumentBuilder()
    .setTitle('Hocba')
    .setDescription(
      'Course tracking for national online training programs: an xAPI Learning Record Store, enrollment, funnel reports and certificates.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addBasicAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, description), {
    ui: false,
    jsonDocumentUrl: 'docs',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}

export function loggerLevels(
  level: HocbaConfig['LOG_LEVEL'],
): ('fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const all = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return all.slice(0, all.indexOf(level) + 1);
}
