import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to port 3000, the embedded database and the demo seed', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, seedDemo: true, dataDir: '/srv/app/.data', production: false });
  });

  it('seeds nothing against an external database unless SEED_DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/cocreate' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/cocreate', SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be a whole number between 0 and 65535/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: 'mysql://u@h/db' }, /^DATABASE_URL must look like postgres:/],
    [{ SEED_DEMO: 'maybe' }, /^SEED_DEMO must be 1 or 0/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be/],
    [{ NODE_ENV: 'production' }, /^DATABASE_URL is required/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@h/db', SEED_DEMO: '1' }, /demo data is never created in production/],
    [{ ALLOWED_ORIGINS: 'portal.example.org' }, /^ALLOWED_ORIGINS must be a comma-separated list of origins/],
    [{ ALLOWED_ORIGINS: 'https://portal.example.org/app' }, /^ALLOWED_ORIGINS .* got "https:\/\/portal.example.org\/app"/],
    [{ ALLOWED_ORIGINS: 'https://a.example, ftp://b.example' }, /^ALLOWED_ORIGINS .* got "ftp:\/\/b.example"/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/],
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN must be 24 to 256 printable characters/],
    [{ METRICS_TOKEN: 'a token with spaces in it, long enough' }, /^METRICS_TOKEN must be/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads ALLOWED_ORIGINS as origins, normalised as browsers send them', () => {
    const env = { NODE_ENV: 'test', ALLOWED_ORIGINS: ' https://Portal.Example.org/ , http://localhost:8080' };
    expect(loadConfig(env).allowedOrigins).toEqual(['https://portal.example.org', 'http://localhost:8080']);
  });

  it('allows only the server’s own origin by default, and the Vite dev server in development', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).allowedOrigins).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@h/db' }).allowedOrigins).toEqual([]);
    expect(loadConfig({}).allowedOrigins).toEqual(['http://localhost:5173']);
  });

  it('logs at info by default and silently under NODE_ENV=test; METRICS_TOKEN is optional', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', metricsToken: null });
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    const token = 'f'.repeat(64);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
  });

  it('limits request rates by default, takes whole numbers, and 0 turns a limit off', () => {
    expect(loadConfig({}).rateLimit).toEqual({ anonymous: 120, person: 300 });
    expect(loadConfig({ RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_PERSON: '50' }).rateLimit).toEqual({ anonymous: 0, person: 50 });
    expect(() => loadConfig({ RATE_LIMIT_PERSON: '-1' })).toThrow('RATE_LIMIT_PERSON must be a whole number between 0 and 1000000, got "-1".');
    expect(() => loadConfig({ RATE_LIMIT_ANONYMOUS: 'lots' })).toThrow(/RATE_LIMIT_ANONYMOUS must be a whole number/);
  });

  it('takes uploads of up to 20 MB by default, and UPLOAD_MAX_BYTES between 1 byte and 100 MB', () => {
    expect(loadConfig({}).uploadMaxBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_BYTES: '1000' }).uploadMaxBytes).toBe(1000);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '0' })).toThrow('UPLOAD_MAX_BYTES must be a whole number between 1 and 104857600, got "0".');
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '20MB' })).toThrow(ConfigError);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: String(200 * 1024 * 1024) })).toThrow(/UPLOAD_MAX_BYTES must be/);
  });

  it('limits a photo to 10 MB and a PDF to 20 MB by default, and sweeps orphaned files hourly', () => {
    expect(loadConfig({}).attachments).toEqual({ imageMaxBytes: 10 * 1024 * 1024, pdfMaxBytes: 20 * 1024 * 1024 });
    expect(loadConfig({ ATTACHMENT_IMAGE_MAX_BYTES: '5000000' }).attachments.imageMaxBytes).toBe(5_000_000);
    expect(() => loadConfig({ ATTACHMENT_PDF_MAX_BYTES: '-1' })).toThrow(/ATTACHMENT_PDF_MAX_BYTES must be/);
    expect(loadConfig({}).fileSweepIntervalSeconds).toBe(3600);
    expect(loadConfig({ FILE_SWEEP_INTERVAL_SECONDS: '0' }).fileSweepIntervalSeconds).toBe(0);
  });
});
