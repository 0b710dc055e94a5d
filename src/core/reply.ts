import { z } from 'zod';

/** Every kind of turn the bot can produce. Part of the public HTTP contract. */
export const REPLY_KINDS = ['answer', 'no_answer', 'out_of_scope', 'refusal', 'crisis', 'smalltalk'] as const;
export const ReplyKindSchema = z.enum(REPLY_KINDS);
export type ReplyKind = z.infer<typeof ReplyKindSchema>;

/** Why a turn was refused (only with `kind: "refusal"`). */
export const REFUSAL_CATEGORIES = ['dosing', 'medical_advice', 'illegal_use'] as const;
export const RefusalCategorySchema = z.enum(REFUSAL_CATEGORIES);
export type RefusalCategory = z.infer<typeof RefusalCategorySchema>;

export const CitationSchema = z.object({
  /** The number used by the `[n]` markers in `text`. */
  n: z.number().int().positive(),
  docId: z.string(),
  title: z.string(),
  chunkId: z.string(),
  /** Verbatim sentence(s) from the cleaned article. */
  quote: z.string(),
  /** Link to the unit's anchor on its article page (`/articles/<docId>#unit-<n>`; absolute with PUBLIC_BASE_URL). */
  url: z.string().optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** The body of `POST /api/ask` (and `npm run ask -- --json`). Unknown keys are stripped on output. */
export const ReplySchema = z.object({
  conversationId: z.string(),
  kind: ReplyKindSchema,
  category: RefusalCategorySchema.optional(),
  /** Markdown with `[n]` citation markers. */
  text: z.string(),
  citations: z.array(CitationSchema),
  /** Related questions the articles do answer (no_answer, out_of_scope, smalltalk, and some answers). */
  suggestions: z.array(z.string()).optional(),
});
export type ReplyBody = z.infer<typeof ReplySchema>;

/** Diagnostics that travel with a reply inside the process but never over the public API. */
export interface ReplyMeta {
  /** Unique id of this turn; feedback refers to it. */
  turnId: string;
  /** The query actually used for retrieval after follow-up resolution. */
  resolvedQuery?: string;
  /** Retrieval confidence 0–1 (answer / no_answer turns). */
  confidence?: number;
  /** Safety rule or exemplar that decided the turn, when the policy decided it. */
  policyRule?: string;
  /** Sentences removed by the output guard before sending. */
  guardRemoved?: number;
  /** Milliseconds spent in this turn. */
  elapsedMs?: number;
  /**
   * The disclaimer line appended to `text` (when it was): channels that show a standing disclaimer (Web Chat, under
   * the input) remove it instead of repeating it in every bubble; the API and CLI keep it.
   */
  footer?: string;
}

/** What `handleTurn` returns: the public body plus in-process diagnostics. */
export type Reply = ReplyBody & { meta: ReplyMeta };

/** The public body of a reply, exactly as the HTTP API and `--json` print it. */
export function toReplyBody(reply: Reply): ReplyBody {
  return ReplySchema.parse(reply);
}

/** Input to one turn, whatever the channel. */
export interface TurnInput {
  /** The user's message (already trimmed by channels is not required). */
  message: string;
  /** Which channel the turn came from (for logs and channel-specific wording). */
  channel: 'api' | 'cli' | 'webchat' | 'msteams' | 'slack' | 'directline' | 'emulator' | 'eval' | (string & {});
  /**
   * Streaming channels: receives the answer's verified sentences (with `[n]` markers) as they are ready. Only a
   * generative answer calls it; the returned Reply is always the whole, final answer.
   */
  onDelta?: (chunk: string) => void;
}
