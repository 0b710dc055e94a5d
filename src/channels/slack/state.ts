import type { Reply } from '../../core/reply.js';
import type { Config } from '../../config/env.js';
import { createTtlStore, type TtlStore } from './ttl-store.js';

/** A private `/ketamine` answer kept so "Post to channel" can post exactly what the asker saw. */
export interface PendingAnswer {
  reply: Reply;
  question: string;
}

/** The Slack channel's short-lived memory. All bounded; losing it on restart only costs a duplicate check. */
export interface SlackState {
  /** Events API `event_id`s already taken (Slack retries and double deliveries). */
  events: TtlStore<true>;
  /** `channel:ts` of user messages already answered: one message can arrive as `app_mention` and `message`. */
  messages: TtlStore<true>;
  /** Conversation ids of channel threads the bot has answered in; replies there need no new mention. */
  threads: TtlStore<true>;
  /** Private answers by turn id, for "Post to channel" (response_urls live 30 minutes). */
  answers: TtlStore<PendingAnswer>;
  /** One-shot clicks already handled (a vote per user and rating, a post per answer): double clicks do nothing. */
  clicks: TtlStore<true>;
}

export function createSlackState(config: Config): SlackState {
  const hour = 60 * 60 * 1000;
  return {
    // Slack retries for up to about an hour after the first attempt. 50,000 ids: far more than one workspace sends
    // in two hours, and a few MB at most; the cap only matters under a flood.
    events: createTtlStore({ ttlMs: 2 * hour, max: 50_000 }),
    messages: createTtlStore({ ttlMs: 2 * hour, max: 50_000 }),
    threads: createTtlStore({ ttlMs: config.CONVERSATION_TTL_MINUTES * 60 * 1000, max: config.CONVERSATION_MAX }),
    // A response_url lives 30 minutes; 1,000 private answers waiting for "Post to channel" is plenty.
    answers: createTtlStore({ ttlMs: hour, max: 1_000 }),
    clicks: createTtlStore({ ttlMs: 24 * hour, max: 50_000 }),
  };
}
