import type { Reply } from '../../core/reply.js';
import type { Config } from '../../config/env.js';
import { TtlMap } from './ttl-map.js';

/** A private `/ketamine` answer kept so "Post to channel" can post exactly what the asker saw. */
export interface PendingAnswer {
  reply: Reply;
  question: string;
}

/** The Slack channel's short-lived memory. All bounded; losing it on restart only costs a duplicate check. */
export interface SlackState {
  /** Events API `event_id`s already taken (Slack retries and double deliveries). */
  events: TtlMap<true>;
  /** `channel:ts` of user messages already answered: one message can arrive as `app_mention` and `message`. */
  messages: TtlMap<true>;
  /** Conversation ids of channel threads the bot has answered in; replies there need no new mention. */
  threads: TtlMap<true>;
  /** Private answers by turn id, for "Post to channel" (response_urls live 30 minutes). */
  answers: TtlMap<PendingAnswer>;
  /** One-shot clicks already handled (a vote per user and rating, a post per answer): double clicks do nothing. */
  clicks: TtlMap<true>;
}

export function createSlackState(config: Config): SlackState {
  const hour = 60 * 60 * 1000;
  return {
    // Slack retries for up to about an hour after the first attempt.
    events: new TtlMap({ ttlMs: 2 * hour, max: 50_000 }),
    messages: new TtlMap({ ttlMs: 2 * hour, max: 50_000 }),
    threads: new TtlMap({ ttlMs: config.CONVERSATION_TTL_MINUTES * 60 * 1000, max: config.CONVERSATION_MAX }),
    answers: new TtlMap({ ttlMs: hour, max: 1_000 }),
    clicks: new TtlMap({ ttlMs: 24 * hour, max: 50_000 }),
  };
}
