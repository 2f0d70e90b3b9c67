import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = Level | 'silent';

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * An error as it may be written to a log: its type, SQLSTATE or code and stack frames, and its
 * message with what could be personal data taken out. Driver errors quote the statement with its
 * parameters inlined (MikroORM inlines them) and PostgreSQL's detail names the offending value.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const { code, cause } = error as Error & { code?: unknown; cause?: unknown };
  return {
    type: error.constructor?.name ?? error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: scrub(error.message),
    stack: error.stack
      ?.split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
    ...(cause !== undefined && cause !== error ? { cause: serializeError(cause) } : {}),
  };
}

/** Quoted literals, e-mail addresses and long digit runs (phone numbers, ids in values) removed. */
export function scrub(text: string): string {
  return text
    .slice(0, 2000)
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => (/^"[A-Za-z_][A-Za-z0-9_.]*"$/.test(quoted) ? quoted : '"?"'))
    .replace(/[^\s@()<>'",;:]+@[^\s@()<>'",;:]+/g, '<email>')
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(?)')
    .replace(/\+?\d[\d\s-]{5,}\d/g, '<number>');
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where JSON lines go; stdout by default. Tests pass a stream and read it. */
  destination?: DestinationStream;
}

/** Structured JSON lines, one per event. Never given variables, cookies or people's details. */
export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  const options = { level, base: { pid: process.pid }, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}

function defaultLevel(env: NodeJS.ProcessEnv): LogLevel {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  if (level && isLogLevel(level)) return level;
  return env.NODE_ENV === 'test' ? 'silent' : 'info';
}

/** The process's logger; startServer sets its level from the validated config. */
export const log: Logger = createLogger({ level: defaultLevel(process.env) });

/** The process's logger at the configured level. */
export function processLogger(level: LogLevel): Logger {
  log.level = level;
  return log;
}
