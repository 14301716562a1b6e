import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('refuses a non-numeric PORT and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it('refuses an LRS key without its secret', () => {
    expect(() => loadConfig({ HOCBA_LRS_KEY: 'platform' })).toThrow(/HOCBA_LRS_KEY and HOCBA_LRS_SECRET/);
  });

  it('refuses S3 certificate storage without a bucket, and half a pair of S3 keys', () => {
    expect(() => loadConfig({ HOCBA_CERTIFICATE_STORAGE: 's3' })).toThrow(/HOCBA_S3_BUCKET is required/);
    expect(() => loadConfig({ HOCBA_CERTIFICATE_STORAGE: 'disk' })).toThrow(
      /HOCBA_CERTIFICATE_STORAGE must be local or s3/,
    );
    expect(() => loadConfig({ HOCBA_S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /HOCBA_S3_ACCESS_KEY_ID and HOCBA_S3_SECRET_ACCESS_KEY/,
    );
    expect(loadConfig({ HOCBA_CERTIFICATE_STORAGE: 's3', HOCBA_S3_BUCKET: 'gcn' }).HOCBA_S3_BUCKET).toBe(
      'gcn',
    );
  });

  it('derives the public URL from PORT and strips a trailing slash from an explicit one', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ HOCBA_PUBLIC_URL: 'https://hocba.example.vn/' }).publicUrl).toBe(
      'https://hocba.example.vn',
    );
  });

  it('refuses a short or odd HOCBA_METRICS_TOKEN, and leaves /metrics off when it is unset or empty', () => {
    expect(() => loadConfig({ HOCBA_METRICS_TOKEN: 'short' })).toThrow(/HOCBA_METRICS_TOKEN must be 32-256/);
    expect(() => loadConfig({ HOCBA_METRICS_TOKEN: `${'a'.repeat(32)} b` })).toThrow(/HOCBA_METRICS_TOKEN/);
    expect(loadConfig({ HOCBA_METRICS_TOKEN: 'f'.repeat(64) }).HOCBA_METRICS_TOKEN).toBe('f'.repeat(64));
    expect(loadConfig({ HOCBA_METRICS_TOKEN: '' }).HOCBA_METRICS_TOKEN).toBeUndefined();
  });
});
