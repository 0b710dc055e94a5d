import { randomUUID } from 'node:crypto';
import { RetryLaterError } from '../errors.js';
import type { HandleTurn } from './handle-turn.js';

/** What chat channels show instead of a 503 when the bot is full. */
export const BUSY_TEXT = "I'm answering a lot of questions right now. Please try again in a few seconds.";

/** Options for {@link TurnGate}. */
export interface TurnGateOptions {
  /** Turns that run at once. */
  concurrency: number;
  /** Turns that may wait for a slot; one more is refused at once. */
  queue: number;
  /**
   * Longest a turn may wait for a slot before it is refused after all. Bounds the latency of accepted turns even
   * when each turn gets slower (a busy CPU), which a queue length alone cannot.
   */
  maxWaitMs: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds: number;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Admission control in front of the model, shared by every channel: a few turns run, a bounded number wait (for a
 * bounded time), the rest are refused with 503 `overloaded` instead of queueing without end (which made p95 grow
 * to 9 s at concurrency 200). A refused turn costs next to nothing, so `/healthz` and accepted turns stay fast.
 */
export class TurnGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly options: TurnGateOptions) {}

  /** Runs `turn` when a slot is free; throws RetryLaterError (503 overloaded) when the queue is full or too slow. */
  async run<T>(turn: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.concurrency) {
      if (this.waiting.length >= this.options.queue) throw this.refusal();
      await new Promise<void>((admit, refuse) => {
        const waiter: Waiter = {
          admit,
          timer: setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(waiter), 1);
            refuse(this.refusal());
          }, this.options.maxWaitMs),
        };
        this.waiting.push(waiter);
      });
    } else {
      this.active++;
    }
    try {
      return await turn();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.admit();
      } else this.active--;
    }
  }

  /** Turns running and waiting now (for logs and tests). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  private refusal(): RetryLaterError {
    return new RetryLaterError(
      'The bot is answering too many questions right now; try again shortly.',
      'overloaded',
      503,
      this.options.retryAfterSeconds,
    );
  }
}

/**
 * Runs every turn through the gate. The API turns a full gate into 503 `overloaded` + Retry-After (the error
 * propagates); chat channels have no status code to show, so their user gets a polite "busy" reply instead (not
 * recorded in the conversation: it is not a turn).
 */
export function admitted(gate: TurnGate, handleTurn: HandleTurn, suggestions: () => string[]): HandleTurn {
  return async (input, conversation) => {
    try {
      return await gate.run(() => handleTurn(input, conversation));
    } catch (error) {
      if (!(error instanceof RetryLaterError) || input.channel === 'api') throw error;
      return {
        kind: 'smalltalk',
        text: BUSY_TEXT,
        citations: [],
        suggestions: suggestions(),
        conversationId: conversation.id,
        meta: { turnId: randomUUID(), policyRule: 'overloaded', guardRemoved: 0, elapsedMs: 0 },
      };
    }
  };
}
