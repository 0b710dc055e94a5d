import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger, LogLevel } from './core/logger.js';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (one JSON object per call, no trailing newline); defaults to stdout. Tests inject a recorder. */
  write?: (line: string) => void;
}

/**
 * Fields that carry user text. pino's `redact` blanks them in every line at info and above, whichever event logs
 * them by mistake; `debug` lines (the one place user text may go, e.g. `turn_text`) are written unredacted.
 */
const USER_TEXT_FIELDS = ['message', 'question', 'text', 'query', 'resolvedQuery', 'q'];
const REDACT = [...USER_TEXT_FIELDS, ...USER_TEXT_FIELDS.map((f) => `*.${f}`)];

const pinos = new WeakMap<Logger, Pino>();

/**
 * Structured logger on pino: one JSON line per event, `{ level, time, event, ...fields }` with the level as a name
 * and an ISO time. Never pass user text at info level or above; the privacy rule is "debug only", and redaction
 * enforces it for the usual field names.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination: DestinationStream = options.write
    ? { write: (chunk: string) => options.write!(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : // Synchronous: a line written just before process.exit() (e.g. server_stopped) must not be lost.
      pino.destination({ dest: 1, sync: true });
  const common = {
    level: options.level,
    base: undefined,
    messageKey: 'event',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  const redacted = pino({ ...common, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
  const raw = pino(common, destination);
  const logger: Logger = {
    debug: (event, fields = {}) => raw.debug(fields, event),
    info: (event, fields = {}) => redacted.info(fields, event),
    warn: (event, fields = {}) => redacted.warn(fields, event),
    error: (event, fields = {}) => redacted.error(fields, event),
  };
  pinos.set(logger, redacted);
  return logger;
}

/**
 * The pino instance behind a logger made by {@link createLogger} (pino-http logs through it). Any other Logger gets
 * a pino that forwards each line to it, so the port stays the only thing callers need.
 */
export function pinoOf(logger: Logger): Pino {
  const known = pinos.get(logger);
  if (known) return known;
  const forward: DestinationStream = {
    write: (chunk: string) => {
      const { level, event, time: _time, ...fields } = JSON.parse(chunk) as Record<string, unknown>;
      const method = (['debug', 'info', 'warn', 'error'] as const).find((l) => l === level) ?? 'info';
      logger[method](String(event), fields);
    },
  };
  const adapted = pino(
    {
      level: 'debug',
      base: undefined,
      messageKey: 'event',
      formatters: { level: (label: string) => ({ level: label }) },
    },
    forward,
  );
  pinos.set(logger, adapted);
  return adapted;
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
