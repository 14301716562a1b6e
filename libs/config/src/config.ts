import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

import { parseKeyList } from './pii-keys';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every setting the service reads, validated once at boot. Names are part of the public contract
 * (docs/operations.md, "Configuration"); nothing else in the code reads process.env.
 */
export class HocbaConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** A read replica the reports read from; unset: the primary (DATABASE_URL). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_READ_URL?: string;

  /** Unset means "redis://127.0.0.1:6379, and start a local redis-server there if none answers". */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  HOCBA_ADMIN_USER?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'HOCBA_ADMIN_PASSWORD must be at least 12 characters' })
  HOCBA_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{3,128}$/, {
    message: 'HOCBA_LRS_KEY must be 3-128 characters of A-Z a-z 0-9 . _ ~ -',
  })
  HOCBA_LRS_KEY?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'HOCBA_LRS_SECRET must be at least 8 characters' })
  HOCBA_LRS_SECRET?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'HOCBA_PUBLIC_URL must be an absolute http(s) URL' },
  )
  HOCBA_PUBLIC_URL?: string;

  /**
   * The body that issues the certificates, named on each certificate and on the verification page.
   * The default names the programme's owner; a deployment for another body sets its own.
   */
  @IsString()
  @MinLength(3, { message: 'HOCBA_ISSUER_NAME must be at least 3 characters' })
  @MaxLength(200, { message: 'HOCBA_ISSUER_NAME must be at most 200 characters' })
  HOCBA_ISSUER_NAME = 'Cục Cảnh sát quản lý hành chính về trật tự xã hội (C06) – Bộ Công an';

  /** Where the embedded database and (with local certificate storage) certificate files live. */
  @IsString()
  HOCBA_DATA_DIR = './data';

  /** The built web app (apps/web) the API serves at /. */
  @IsString()
  HOCBA_WEB_DIR = 'dist/web';

  /** Where certificate PDFs and ZIPs are kept: `local` (HOCBA_DATA_DIR/certificates) or an S3-compatible bucket. */
  @IsIn(['local', 's3'], { message: 'HOCBA_CERTIFICATE_STORAGE must be local or s3' })
  HOCBA_CERTIFICATE_STORAGE: 'local' | 's3' = 'local';

  /** An S3-compatible server (MinIO, Ceph, a cloud's object storage); unset: AWS S3. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'HOCBA_S3_ENDPOINT must be an absolute http(s) URL' },
  )
  HOCBA_S3_ENDPOINT?: string;

  @IsString()
  HOCBA_S3_REGION = 'us-east-1';

  @IsOptional()
  @IsString()
  HOCBA_S3_BUCKET?: string;

  /** Prepended to every key (several deployments in one bucket). */
  @IsString()
  HOCBA_S3_PREFIX = '';

  /** Unset: the SDK's usual sources (environment, instance role). */
  @IsOptional()
  @IsString()
  HOCBA_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  HOCBA_S3_SECRET_ACCESS_KEY?: string;

  /** Largest request body the xAPI accepts, in bytes; larger ones get 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  HOCBA_XAPI_BODY_LIMIT = 20 * 1024 * 1024;

  /** Largest document (state, activity or agent profile) the xAPI stores, in bytes; larger ones get 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  HOCBA_XAPI_DOCUMENT_LIMIT = 1024 * 1024;

  /** Connections in the PostgreSQL pool of each process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  HOCBA_DB_POOL = 10;

  /**
   * Prefix of every BullMQ key in Redis. Instances that share a database share a prefix; two
   * deployments (or two test databases) on one Redis must not.
   */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'HOCBA_QUEUE_PREFIX must be 1-64 characters of A-Z a-z 0-9 _ -',
  })
  HOCBA_QUEUE_PREFIX = 'hocba';

  /** Concurrent jobs per queue in each worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  HOCBA_WORKER_CONCURRENCY = 2;

  /**
   * Seconds after which a certificate still not rendered is handed to the queue again (its job
   * lost with a Redis that kept nothing, or failed for good); the worker checks this often too.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  HOCBA_CERTIFICATE_RECHECK_SECONDS = 60;

  /**
   * `off`: statements are stored only, progress and reports do not move (a bulk load of history;
   * run \`npm run cli -- progress rebuild\` after). Also how bench/ingest measures the LRS alone.
   */
  @IsIn(['on', 'off'], { message: 'HOCBA_PROGRESS_PROJECTION must be on or off' })
  HOCBA_PROGRESS_PROJECTION: 'on' | 'off' = 'on';

  /**
   * Keys that seal CCCDs at rest and key their lookup hash: `id:base64(32 bytes)[,id:key…]`, the
   * newest first (it seals; the others still open during a rotation). Unset: a key the first
   * migration generated and kept in the database (the embedded default; not for production).
   */
  @IsOptional()
  @IsString()
  HOCBA_PII_KEYS?: string;

  /** Requests per minute from one address (0: no limit); 429 with Retry-After beyond. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  HOCBA_RATE_LIMIT_ADDRESS = 60000;

  /** Requests per minute with one verified credential (an LRS client's key and secret, an access token); 0: no limit. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  HOCBA_RATE_LIMIT_CLIENT = 60000;

  /** Requests per minute from one address without verified credentials (verification pages, login, made-up ones); 0: no limit. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  HOCBA_RATE_LIMIT_PUBLIC = 600;

  /**
   * Proxies whose X-Forwarded-For is believed (Fastify's trustProxy): `false`, `true`, a hop count,
   * or addresses/CIDRs separated by commas. Rate limits and login protection count by the address it yields.
   */
  @IsOptional()
  @IsString()
  HOCBA_TRUST_PROXY?: string;

  /**
   * The bearer token GET /metrics asks for (Prometheus sends it). Unset: /metrics answers 404 on
   * the port everyone reaches, so the figures are never served to anonymous callers by default.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._~+/-]{32,256}=*$/, {
    message:
      'HOCBA_METRICS_TOKEN must be 32-256 characters of A-Z a-z 0-9 . _ ~ + / - (e.g. openssl rand -hex 32)',
  })
  HOCBA_METRICS_TOKEN?: string;

  /** `on`: `npm start` fills an empty database with demo data (needs the admin and LRS client variables). */
  @IsIn(['on', 'off'], { message: 'HOCBA_DEMO_DATA must be on or off' })
  HOCBA_DEMO_DATA: 'on' | 'off' = 'off';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  get redisUrl(): string {
    return this.REDIS_URL ?? 'redis://127.0.0.1:6379';
  }

  /** HOCBA_TRUST_PROXY as Fastify takes it. */
  get trustProxy(): boolean | number | string {
    const value = this.HOCBA_TRUST_PROXY?.trim();
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    return /^\d+$/.test(value) ? Number(value) : value;
  }

  get publicUrl(): string {
    return (this.HOCBA_PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }
}

export class ConfigError extends Error {}

/** Parses and validates an environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HocbaConfig {
  const known = Object.keys(new HocbaConfig());
  const plain: Record<string, string> = {};
  for (const name of [
    ...known,
    'DATABASE_URL',
    'DATABASE_READ_URL',
    'REDIS_URL',
    'HOCBA_ADMIN_USER',
    'HOCBA_ADMIN_PASSWORD',
    'HOCBA_LRS_KEY',
    'HOCBA_LRS_SECRET',
    'HOCBA_PUBLIC_URL',
    'HOCBA_S3_ENDPOINT',
    'HOCBA_S3_BUCKET',
    'HOCBA_S3_ACCESS_KEY_ID',
    'HOCBA_S3_SECRET_ACCESS_KEY',
    'HOCBA_PII_KEYS',
    'HOCBA_TRUST_PROXY',
    'HOCBA_METRICS_TOKEN',
  ]) {
    const value = env[name];
    if (value !== undefined && value !== '') plain[name] = value;
  }
  const config = plainToInstance(HocbaConfig, plain);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
  if ((config.HOCBA_ADMIN_USER === undefined) !== (config.HOCBA_ADMIN_PASSWORD === undefined)) {
    problems.push('HOCBA_ADMIN_USER and HOCBA_ADMIN_PASSWORD must be set together');
  }
  if ((config.HOCBA_LRS_KEY === undefined) !== (config.HOCBA_LRS_SECRET === undefined)) {
    problems.push('HOCBA_LRS_KEY and HOCBA_LRS_SECRET must be set together');
  }
  if (config.HOCBA_CERTIFICATE_STORAGE === 's3' && !config.HOCBA_S3_BUCKET) {
    problems.push('HOCBA_S3_BUCKET is required when HOCBA_CERTIFICATE_STORAGE is s3');
  }
  if ((config.HOCBA_S3_ACCESS_KEY_ID === undefined) !== (config.HOCBA_S3_SECRET_ACCESS_KEY === undefined)) {
    problems.push('HOCBA_S3_ACCESS_KEY_ID and HOCBA_S3_SECRET_ACCESS_KEY must be set together');
  }
  if (config.HOCBA_DEMO_DATA === 'on' && (!config.HOCBA_ADMIN_USER || !config.HOCBA_LRS_KEY)) {
    problems.push(
      'HOCBA_DEMO_DATA=on needs HOCBA_ADMIN_USER/HOCBA_ADMIN_PASSWORD and HOCBA_LRS_KEY/HOCBA_LRS_SECRET',
    );
  }
  if (config.HOCBA_PII_KEYS !== undefined) {
    try {
      parseKeyList(config.HOCBA_PII_KEYS);
    } catch (error) {
      problems.push(`HOCBA_PII_KEYS: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
