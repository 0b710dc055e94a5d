import type { Conversation } from './conversation.js';
import type { Reply, TurnInput } from './reply.js';

/** Facts about the loaded index, for `/healthz` and logs. */
export interface BotInfo {
  chunks: number;
  model: string;
  articles: { docId: string; title: string }[];
}

/** The channel-agnostic core every channel talks to. Channels only translate input and render the Reply. */
export interface Bot {
  /**
   * Handles one user turn within `conversation` (safety policy, retrieval, answer, output guard) and
   * appends the turn to `conversation.turns` (trimmed to the configured history length).
   * Never throws for user input; throws only on internal faults.
   */
  handleTurn(input: TurnInput, conversation: Conversation): Promise<Reply>;
  /** Loads (or starts) the conversation by id from the bot's own store, runs the turn, and saves it. */
  ask(input: TurnInput & { conversationId?: string }): Promise<Reply>;
  info(): BotInfo;
  /** Questions the articles answer, for welcomes, out-of-scope replies and suggestions. */
  exampleQuestions(count?: number): string[];
}
