import type { KeyValueStore } from '../../core/key-value.js';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/reply.js';
import type { Config } from '../../config/env.js';
import { createTtlStore, inProcess, kvTtlStore, type SharedTtlStore } from './ttl-store.js';

/** A private `/ketamine` answer kept so "Post to channel" can post exactly what the asker saw. */
export interface PendingAnswer {
  reply: Reply;
  question: string;
}

/**
 * The Slack channel's short-lived memory. All bounded by TTL. With a shared database (`kv`) every replica sees the
 * same state, so a retry, a double delivery or a second click reaching another replica is not answered twice;
 * without one it lives in this process (bounded by count too) and a restart only costs a duplicate check.
 */
export interface SlackState {
  /** Events API `event_id`s already taken (Slack retries and double deliveries). */
  events: SharedTtlStore<true>;
  /** `channel:ts` of user messages already answered: one message can arrive as `app_mention` and `message`. */
  messages: SharedTtlStore<true>;
  /** Conversation ids of channel threads the bot has answered in; replies there need no new mention. */
  threads: SharedTtlStore<true>;
  /** Private answers by turn id, for "Post to channel" (response_urls live 30 minutes). */
  answers: SharedTtlStore<PendingAnswer>;
  /** One-shot clicks already handled (a vote per user and rating, a post per answer): double clicks do nothing. */
  clicks: SharedTtlStore<true>;
}

export function createSlackState(config: Config, shared?: { kv: KeyValueStore; logger: Logger }): SlackState {
  const hour = 60 * 60 * 1000;
  const stores = {
    // Slack retries for up to about an hour after the first attempt. 50,000 ids: far more than one workspace sends
    // in two hours, and a few MB at most; the cap only matters under a flood.
    events: { ttlMs: 2 * hour, max: 50_000 },
    messages: { ttlMs: 2 * hour, max: 50_000 },
    threads: { ttlMs: config.CONVERSATION_TTL_MINUTES * 60 * 1000, max: config.CONVERSATION_MAX },
    // A response_url lives 30 minutes; 1,000 private answers waiting for "Post to channel" is plenty.
    answers: { ttlMs: hour, max: 1_000 },
    clicks: { ttlMs: 24 * hour, max: 50_000 },
  };
  const make = <V extends NonNullable<unknown>>(name: keyof typeof stores): SharedTtlStore<V> =>
    shared
      ? kvTtlStore<V>(shared.kv, {
          namespace: `slack:${name}`,
          ttlMs: stores[name].ttlMs,
          onError: (what, error) =>
            shared.logger.warn('slack_state_failed', {
              what,
              error: error instanceof Error ? error.message : String(error),
            }),
        })
      : inProcess(createTtlStore<V>(stores[name]));
  return {
    events: make('events'),
    messages: make('messages'),
    threads: make('threads'),
    answers: make<PendingAnswer>('answers'),
    clicks: make('clicks'),
  };
}
