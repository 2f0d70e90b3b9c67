import path from 'node:path';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../observability/log.js';

/** Object storage for uploads (S3_BUCKET and friends); null keeps files on local disk. */
export interface S3Options {
  bucket: string;
  /** An S3-compatible service (MinIO, Aliyun OSS, Tencent COS, Ceph); AWS itself without one. */
  endpoint: string | null;
  region: string;
  /** Without them the AWS SDK's own chain (environment, profile, instance role) is used. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Bucket in the path (most S3-compatible services want it) rather than in the host name. */
  forcePathStyle: boolean;
  /** Folder in the bucket, e.g. `cocreate/`; empty for the bucket's root. */
  prefix: string;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  seedDemo: boolean;
  /** How often the SLA sweep looks for missed deadlines; 0 turns the loop off (tests drive it). */
  sweepIntervalSeconds: number;
  production: boolean;
  development: boolean;
  /**
   * Browser origins besides the server's own that may open the GraphQL WebSocket (which carries
   * the session cookie). The API's own origin is always allowed.
   */
  allowedOrigins: string[];
  /** pino level; `silent` turns logging off (the default under NODE_ENV=test). */
  logLevel: LogLevel;
  /** Bearer token that opens /metrics to other machines; without it only loopback may read it. */
  metricsToken: string | null;
  notify: NotifyConfig;
  /**
   * Requests per 10 seconds: from one client address while signed out, and from one signed-in
   * person. Past it the answer is 429 with Retry-After before any GraphQL work; 0 turns it off.
   */
  rateLimit: { anonymous: number; person: number };
  /** Largest file `POST /files` takes, in bytes; an upload is held in memory while it is checked. */
  uploadMaxBytes: number;
  /** Days an activation code (激活码) stays valid. */
  activationCodeDays: number;
  /** Per attachment: a photo (before processing) and a PDF; the endpoint's uploadMaxBytes caps both. */
  attachments: { imageMaxBytes: number; pdfMaxBytes: number };
  /** How often files nobody refers to are swept from the file store (0: off). */
  fileSweepIntervalSeconds: number;
  /** S3-compatible object storage for files (S3_BUCKET and friends); null: the local directory under DATA_DIR. */
  s3: S3Options | null;
}

export class ConfigError extends Error {}

/** S3_BUCKET turns object storage on; the rest say where and as whom. */
function s3(env: NodeJS.ProcessEnv): S3Options | null {
  const bucket = env.S3_BUCKET?.trim();
  const named = ['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'].filter((n) => env[n]?.trim());
  if (!bucket) {
    if (named.length)
      throw new ConfigError(`${named[0]} is set but S3_BUCKET is not: name the bucket, or unset the S3_ variables to keep files under DATA_DIR.`);
    return null;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError(`S3_BUCKET must be a bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got "${bucket}".`);
  const endpoint = env.S3_ENDPOINT?.trim() || null;
  if (endpoint && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(endpoint))
    throw new ConfigError(`S3_ENDPOINT must be an http(s) URL like https://oss-cn-hangzhou.aliyuncs.com, got "${endpoint}".`);
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() ?? '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() ?? '';
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither (the AWS credential chain).');
  const prefix = env.S3_PREFIX?.trim() ?? '';
  if (prefix && !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(prefix))
    throw new ConfigError(`S3_PREFIX must be a folder ending in /, like cocreate/files/, got "${prefix}".`);
  return {
    bucket,
    endpoint,
    region: env.S3_REGION?.trim() || 'us-east-1',
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : null,
    forcePathStyle: flag(env, 'S3_FORCE_PATH_STYLE') ?? endpoint !== null,
    prefix,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}".`);
  }
  return Number(raw);
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true/false), got "${raw}".`);
}

/**
 * In development the portal runs on Vite's dev server (default port 5173) and proxies /graphql to
 * the API; the proxy rewrites Host but the browser's Origin stays the dev server's.
 */
const DEVELOPMENT_ORIGINS = ['http://localhost:5173'];

/** `value` as an origin (scheme, host, port), or null if it is anything more or less. */
function asOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  // A path, query or credentials would never match what a browser sends as Origin.
  const originOnly = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return ['http:', 'https:'].includes(url.protocol) && originOnly ? url.origin : null;
}

function origins(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  return raw.split(',').map((entry) => {
    const origin = asOrigin(entry.trim());
    if (!origin) throw new ConfigError(`${name} must be a comma-separated list of origins like https://portal.example.org, got "${entry.trim()}".`);
    return origin;
  });
}

function logLevel(env: NodeJS.ProcessEnv, fallback: LogLevel): LogLevel {
  const raw = env.LOG_LEVEL?.trim();
  if (!raw) return fallback;
  if (!isLogLevel(raw)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`);
  return raw;
}

function metricsToken(env: NodeJS.ProcessEnv): string | null {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return null;
  // Sent as `Authorization: Bearer <token>`: printable, no spaces, long enough not to be guessed.
  if (!/^[\x21-\x7e]{24,256}$/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN must be 24 to 256 printable characters without spaces (e.g. `openssl rand -hex 32`).');
  }
  return raw;
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const raw = env[name]?.trim();
  if (!raw) throw new ConfigError(`${name} is required ${because}.`);
  if (raw.length > 500) throw new ConfigError(`${name} is longer than 500 characters.`);
  return raw;
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL like https://lakeside.example.cn, got "${raw}".`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(`${name} must be an http(s) URL like https://lakeside.example.cn, got "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}

/** The notification outbox and its channels. */
export interface NotifyConfig {
  /** Base of the deep links in e-mail and SMS. */
  publicUrl: string;
  /** Run the delivery worker inside this process (else run `npm run worker -w @cocreate/api` apart). */
  worker: boolean;
  concurrency: number;
  maxAttempts: number;
  /** An attempt SENDING this long is taken to be a dead worker's, and queued again. */
  staleSendingSeconds: number;
  /** SMTP server for e-mail; null: e-mail goes to the log. */
  smtpUrl: string | null;
  mailFrom: string;
  sms:
    | { provider: 'log' }
    | {
        provider: 'aliyun';
        accessKeyId: string;
        accessKeySecret: string;
        signName: string;
        noticeTemplate: string;
        codeTemplate: string;
        endpoint: string;
      }
    | {
        provider: 'tencent';
        secretId: string;
        secretKey: string;
        sdkAppId: string;
        signName: string;
        noticeTemplate: string;
        codeTemplate: string;
        region: string;
        endpoint: string;
      };
  /** WeChat 服务号 template messages and web authorisation; null: not configured (no WeChat channel). */
  wechat: WeChatConfig | null;
}

export interface WeChatConfig {
  appId: string;
  appSecret: string;
  /** Template id for every kind without one of its own. */
  noticeTemplate: string;
  /** Template ids per notification kind (WECHAT_TEMPLATES=KIND:id,…). */
  templates: Record<string, string>;
  apiBase: string;
  oauthBase: string;
}

function wechatConfig(env: NodeJS.ProcessEnv): WeChatConfig | null {
  const named = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TEMPLATE_NOTICE', 'WECHAT_TEMPLATES', 'WECHAT_API_BASE', 'WECHAT_OAUTH_BASE'].filter((n) =>
    env[n]?.trim(),
  );
  if (!named.length) return null;
  const because = `with ${named[0]} set (WeChat needs its app id, secret and a notice template)`;
  const appId = required(env, 'WECHAT_APP_ID', because);
  if (!/^wx[0-9a-f]{16}$/.test(appId)) throw new ConfigError(`WECHAT_APP_ID must be a 服务号 AppID like wx1234567890abcdef, got "${appId}".`);
  const appSecret = required(env, 'WECHAT_APP_SECRET', because);
  if (!/^[0-9A-Za-z]{16,64}$/.test(appSecret)) throw new ConfigError('WECHAT_APP_SECRET must be the AppSecret (16 to 64 letters and digits).');
  const noticeTemplate = required(env, 'WECHAT_TEMPLATE_NOTICE', because);
  const templateId = /^[A-Za-z0-9_-]{1,64}$/;
  if (!templateId.test(noticeTemplate))
    throw new ConfigError(`WECHAT_TEMPLATE_NOTICE must be a template id (letters, digits, - and _), got "${noticeTemplate}".`);
  const templates: Record<string, string> = {};
  for (const item of (env.WECHAT_TEMPLATES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Z][A-Z_]{1,59}):([A-Za-z0-9_-]{1,64})$/.exec(item);
    if (!m) throw new ConfigError(`WECHAT_TEMPLATES must be KIND:templateId pairs separated by commas, like TICKET_SOLUTION_PROPOSED:AbC123, got "${item}".`);
    templates[m[1]!] = m[2]!;
  }
  return {
    appId,
    appSecret,
    noticeTemplate,
    templates,
    apiBase: httpUrl(env, 'WECHAT_API_BASE', 'https://api.weixin.qq.com'),
    oauthBase: httpUrl(env, 'WECHAT_OAUTH_BASE', 'https://open.weixin.qq.com'),
  };
}

function notifyConfig(env: NodeJS.ProcessEnv, port: number): NotifyConfig {
  const smtpRaw = env.SMTP_URL?.trim() || null;
  if (smtpRaw) {
    let url: URL | null;
    try {
      url = new URL(smtpRaw);
    } catch {
      url = null;
    }
    if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
      throw new ConfigError('SMTP_URL must look like smtp://user:password@host:587 (or smtps:// for TLS from the start).');
    }
  }
  const mailFrom = env.MAIL_FROM?.trim() || '共创 Cocreate <no-reply@cocreate.local>';
  if (!/^[^<>]*<[^@\s<>]+@[^@\s<>]+>$|^[^@\s<>]+@[^@\s<>]+$/.test(mailFrom)) {
    throw new ConfigError(`MAIL_FROM must be an address, optionally with a name: 共创 <no-reply@example.cn>, got "${mailFrom}".`);
  }
  const provider = env.SMS_PROVIDER?.trim() || 'log';
  let sms: NotifyConfig['sms'];
  if (provider === 'log') sms = { provider: 'log' };
  else if (provider === 'aliyun') {
    const because = 'with SMS_PROVIDER=aliyun';
    sms = {
      provider: 'aliyun',
      accessKeyId: required(env, 'ALIYUN_SMS_ACCESS_KEY_ID', because),
      accessKeySecret: required(env, 'ALIYUN_SMS_ACCESS_KEY_SECRET', because),
      signName: required(env, 'ALIYUN_SMS_SIGN_NAME', because),
      noticeTemplate: required(env, 'ALIYUN_SMS_TEMPLATE_NOTICE', because),
      codeTemplate: required(env, 'ALIYUN_SMS_TEMPLATE_CODE', because),
      endpoint: httpUrl(env, 'ALIYUN_SMS_ENDPOINT', 'https://dysmsapi.aliyuncs.com'),
    };
  } else if (provider === 'tencent') {
    const because = 'with SMS_PROVIDER=tencent';
    const region = env.TENCENT_SMS_REGION?.trim() || 'ap-guangzhou';
    if (!/^[a-z]{2}-[a-z]+(-\d+)?$/.test(region)) throw new ConfigError(`TENCENT_SMS_REGION must be a region like ap-guangzhou, got "${region}".`);
    sms = {
      provider: 'tencent',
      secretId: required(env, 'TENCENT_SMS_SECRET_ID', because),
      secretKey: required(env, 'TENCENT_SMS_SECRET_KEY', because),
      sdkAppId: required(env, 'TENCENT_SMS_SDK_APP_ID', because),
      signName: required(env, 'TENCENT_SMS_SIGN_NAME', because),
      noticeTemplate: required(env, 'TENCENT_SMS_TEMPLATE_NOTICE', because),
      codeTemplate: required(env, 'TENCENT_SMS_TEMPLATE_CODE', because),
      region,
      endpoint: httpUrl(env, 'TENCENT_SMS_ENDPOINT', 'https://sms.tencentcloudapi.com'),
    };
  } else throw new ConfigError(`SMS_PROVIDER must be log, aliyun or tencent, got "${provider}".`);
  return {
    publicUrl: httpUrl(env, 'PUBLIC_URL', `http://localhost:${port}`),
    worker: flag(env, 'NOTIFY_WORKER') ?? true,
    concurrency: integer(env, 'NOTIFY_CONCURRENCY', 10, 1, 100),
    maxAttempts: integer(env, 'NOTIFY_MAX_ATTEMPTS', 8, 1, 25),
    staleSendingSeconds: integer(env, 'NOTIFY_STALE_SECONDS', 120, 1, 86_400),
    smtpUrl: smtpRaw,
    mailFrom,
    sms,
    wechat: wechatConfig(env),
  };
}

/** Reads and validates the environment once at start; a bad value names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}".`);
  }
  const production = nodeEnv === 'production';
  const databaseUrl: string | null = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database.');
    }
    if (!['postgres:', 'postgresql:'].includes(url.protocol) || url.pathname.length < 2) {
      throw new ConfigError('DATABASE_URL must look like postgres://user:password@host:5432/database.');
    }
  }
  if (production && databaseUrl === null) {
    throw new ConfigError('DATABASE_URL is required when NODE_ENV=production.');
  }
  const seedDemo = flag(env, 'SEED_DEMO') ?? databaseUrl === null;
  if (seedDemo && production) {
    throw new ConfigError('SEED_DEMO cannot be used with NODE_ENV=production: demo data is never created in production.');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    seedDemo,
    sweepIntervalSeconds: integer(env, 'SWEEP_INTERVAL_SECONDS', 30, 0, 3600),
    production,
    development: nodeEnv === 'development',
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS', nodeEnv === 'development' ? DEVELOPMENT_ORIGINS : []),
    logLevel: logLevel(env, nodeEnv === 'test' ? 'silent' : 'info'),
    metricsToken: metricsToken(env),
    notify: notifyConfig(env, integer(env, 'PORT', 3000, 0, 65535)),
    rateLimit: {
      anonymous: integer(env, 'RATE_LIMIT_ANONYMOUS', 120, 0, 1_000_000),
      person: integer(env, 'RATE_LIMIT_PERSON', 300, 0, 1_000_000),
    },
    uploadMaxBytes: integer(env, 'UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1, 100 * 1024 * 1024),
    attachments: {
      imageMaxBytes: integer(env, 'ATTACHMENT_IMAGE_MAX_BYTES', 10 * 1024 * 1024, 1, 100 * 1024 * 1024),
      pdfMaxBytes: integer(env, 'ATTACHMENT_PDF_MAX_BYTES', 20 * 1024 * 1024, 1, 100 * 1024 * 1024),
    },
    fileSweepIntervalSeconds: integer(env, 'FILE_SWEEP_INTERVAL_SECONDS', 3600, 0, 7 * 24 * 3600),
    s3: s3(env),
    activationCodeDays: integer(env, 'ACTIVATION_CODE_DAYS', 30, 1, 365),
  };
}

/** For entry points: the config, or one clear line and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
