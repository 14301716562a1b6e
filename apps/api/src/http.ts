import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Redis } from 'ioredis';
import { RequestRateLimiter, TokensService, type CredentialCheck } from '@hocba/auth';
import { loadConfig, loggerLevels, type HocbaConfig } from '@hocba/config';
import { REDIS } from '@hocba/queue';
import { findUnstorableText, jsonNestingDeeperThan } from '@hocba/xapi';
import { LrsClientsService } from '@hocba/lrs';
import { Metrics } from '@hocba/metrics';
import { AppModule } from './app.module';
import { codeForStatus, errorBody, surfaceOf, XAPI_PREFIX } from './errors/error-answer';
import { ErrorsFilter } from './errors/errors.filter';
import { FieldValidationPipe } from './errors/field-validation.pipe';
import { installApiDocs } from './openapi/api-docs';

/** JSON bodies of the administration API (files go as multipart, up to the xAPI body limit). */
const API_JSON_LIMIT = 1024 * 1024;
/** Deepest nesting of objects and arrays a JSON body of /api may have (validation walks it recursively). */
const API_JSON_DEPTH = 32;
/** Longest request line target (path and query) accepted; 414 beyond. Headers: Node's 16 KiB (431). */
const URL_LIMIT = 8 * 1024;
/** Longest path segment a route parameter may take. */
const PARAM_LIMIT = 1024;
/** Paths not rate-limited: load balancers and monitoring poll them. */
const UNLIMITED = new Set(['/health', '/metrics']);
/** Refusals worth a line in the log: who was refused what (route pattern, never the URL's values). */
const SECURITY_STATUSES = new Set([401, 403, 413, 414, 429]);

/**
 * Limits applied before any route: the length of the URL, and request rates (429 with Retry-After).
 * After each answer: the request counted in /metrics (by route pattern), and refusals for access or
 * abuse logged with the address, method and route pattern.
 */
function installRequestLimits(app: NestFastifyApplication, config: HocbaConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const limiter = new RequestRateLimiter(
    app.get<Redis>(REDIS, { strict: false }),
    config,
    credentialCheck(app.get(TokensService, { strict: false }), app.get(LrsClientsService, { strict: false })),
  );
  const logger = new Logger('Security');
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.length > URL_LIMIT) {
      return reply
        .code(414)
        .send(refusalBody(request.url, 414, `The URL is longer than ${URL_LIMIT} characters`));
    }
    if (UNLIMITED.has(request.url.split('?')[0])) return;
    const outcome = await limiter.check(request.ip, request.headers.authorization);
    if (outcome.limited) {
      return reply
        .code(429)
        .header('retry-after', String(outcome.retryAfter))
        .send(
          refusalBody(
            request.url,
            429,
            `Too many requests (${outcome.counter} limit); try again in ${outcome.retryAfter} s`,
          ),
        );
    }
  });
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? '(no route)';
    metrics.httpRequests.inc({ method: request.method, route, status: reply.statusCode });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    const refused = SECURITY_STATUSES.has(reply.statusCode);
    if (!refused && reply.statusCode !== 400) return;
    const line = `${reply.statusCode} ${request.method} ${route} from ${request.ip}`;
    // Input refused as malformed or hostile (400) is noted too, at the ordinary level.
    if (refused) logger.warn(line);
    else logger.log(line);
  });
}

/**
 * Credentials the rate limits count as such: an access token bearing the service's signature (an
 * HMAC, checked in microseconds), an LRS client's Basic credentials checked lately by the xAPI or
 * learner links. Both cheap, so made-up headers cost the service nothing before they are counted.
 */
function credentialCheck(tokens: TokensService, clients: LrsClientsService): CredentialCheck {
  return async (authorization) => {
    const [, scheme, value] = /^(\S+)\s+(\S+)\s*$/.exec(authorization) ?? [];
    if (/^bearer$/i.test(scheme ?? '')) return tokens.signed(value);
    if (/^basic$/i.test(scheme ?? '')) return clients.recognises(authorization);
    return false;
  };
}

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
    if (body.length > API_JSON_LIMIT) {
      return done(
        refusal(413, `The request body is larger than ${API_JSON_LIMIT} bytes, the limit for JSON on /api`),
      );
    }
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      if (jsonNestingDeeperThan(text, API_JSON_DEPTH)) {
        return done(
          refusal(400, `The request body nests objects and arrays deeper than ${API_JSON_DEPTH} levels`),
        );
      }
      const value: unknown = JSON.parse(text);
      const unstorable = findUnstorableText(value);
      if (unstorable) return done(refusal(400, `The request body: ${unstorable.path} ${unstorable.problem}`));
      done(null, value);
    } catch {
      done(refusal(400, 'The request body is not valid UTF-8 JSON'));
    }
  });
}

/** A refusal answered before Nest, in the error body of the API it comes from (xAPI's or /api's). */
function refusalBody(url: string, status: number, message: string): object {
  return errorBody(surfaceOf(url), { status, code: codeForStatus(status), message });
}

/**
 * What the router refuses before any route (a path segment too long, an undecodable percent-escape)
 * is answered without echoing the path: Fastify's own answer quotes it whole.
 */
function answerRouterRefusal(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const [status, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, `A segment of the path is longer than ${PARAM_LIMIT} characters`]
      : [
          400,
          'The path holds a percent-escape that is not UTF-8 (encode characters as percent-escaped UTF-8)',
        ];
  // Refused before the route's hooks run: the xAPI's version header is added here.
  if (surfaceOf(request.url) === 'xapi') void reply.header('X-Experience-API-Version', '2.0.0');
  void reply.code(status).send(refusalBody(request.url, status, message));
}

/**
 * Requests Node's HTTP parser cannot read (raw non-ASCII in the request line, a malformed header)
 * get a status and a message that say what to fix, instead of a bare "Client Error".
 */
function answerUnreadableRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than the server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time']
        : [
            400,
            'The request line or a header holds characters HTTP does not allow: percent-encode the URL (UTF-8) and send ASCII headers',
          ];
  if (socket.writable) {
    const body = JSON.stringify(errorBody('api', { status, code: codeForStatus(status), message }));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function refusal(statusCode: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * The one place where the query and path of an /api request enter: a value PostgreSQL cannot hold
 * as text (NUL, a lone surrogate) answers 400 naming the parameter, whatever the route does with it.
 * (Bodies are checked by the JSON parser above; /xapi checks its parameters as it reads them.)
 */
function installParameterChecks(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(XAPI_PREFIX)) return;
    for (const [where, values] of [
      ['Query parameter', request.query],
      ['Path parameter', request.params],
    ] as const) {
      const found = findUnstorableText(values ?? {});
      if (found) {
        return reply.code(400).send(refusalBody(request.url, 400, `${where} ${found.path} ${found.problem}`));
      }
    }
  });
}

/** Builds the HTTP application (routes, parsers, pipes) without listening: main.ts and the tests share it. */
export async function createApiApp(
  options: { shutdownHooks?: boolean } = {},
): Promise<NestFastifyApplication> {
  // Read again by ConfigModule inside the app; loading is pure, and the adapter needs it first.
  const config = loadConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.HOCBA_XAPI_BODY_LIMIT,
    trustProxy: config.trustProxy,
    // Ids, codes and tokens are far shorter; longer segments get 414 (Fastify's default is 100).
    routerOptions: { maxParamLength: PARAM_LIMIT },
    frameworkErrors: answerRouterRefusal,
    clientErrorHandler: answerUnreadableRequest,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: loggerLevels(config.LOG_LEVEL),
    bufferLogs: false,
    // Our own parsers below replace Nest's: it would otherwise add its JSON parser at init.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  installBodyParsers(fastify);
  installParameterChecks(fastify);
  installRequestLimits(app, config);
  // Every xAPI response, errors from the framework included, says which version answered.
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(XAPI_PREFIX) && !reply.hasHeader('X-Experience-API-Version')) {
      void reply.header('X-Experience-API-Version', '2.0.0');
    }
    // Attachments and documents come back as their senders typed them: never sniffed into a page.
    if (request.url.startsWith(XAPI_PREFIX)) void reply.header('X-Content-Type-Options', 'nosniff');
  });
  installApiDocs(app);
  // Refusals list each field, its rule and message (validation.failed).
  app.useGlobalPipes(
    new FieldValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  // Every error, of every route and of Fastify, answered in one place (docs/errors.md).
  app.useGlobalFilters(new ErrorsFilter());
  // Standalone processes close on SIGTERM themselves; the launcher (apps/main.ts) orders shutdown itself.
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  return app;
}
