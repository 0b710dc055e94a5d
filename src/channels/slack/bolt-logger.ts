import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/**
 * Bolt and the Web API client log through our structured logger (one JSON line per event) instead of
 * their console logger. Bolt logs payloads only at debug, which matches our "user text at debug only" rule.
 */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const fields = (parts: unknown[]) => ({ message: parts.map(describe).join(' ') });
  return {
    debug: (...parts) => logger.debug('slack_bolt', fields(parts)),
    info: (...parts) => logger.info('slack_bolt', fields(parts)),
    warn: (...parts) => logger.warn('slack_bolt', fields(parts)),
    error: (...parts) => logger.error('slack_bolt', fields(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
