import type { Conversation } from '../core/conversation.js';
import type { SafetyPolicy } from '../safety/types.js';

/** What a turn needs of the embedder: a query vector, and ideally several query texts in one model call. */
export interface TurnEmbedder {
  embedQuery(text: string): Promise<number[]>;
  /** Several query texts in one model call, each cached like `embedQuery` (UseLiteEmbeddings has it). */
  embedQueries?(texts: string[]): Promise<number[][]>;
}

/** The message's vector, and the vectors of the policy's other readings of it, by text. */
export interface TurnVectors {
  vector: number[];
  vectors: Map<string, number[]>;
}

/** Options for {@link embedTurn}. */
export interface EmbedTurnOptions {
  /** The text whose vector is the turn's vector (the spelling-corrected message); the message itself by default. */
  primary?: string;
  /** Other texts the turn will embed: the query retrieval will search, when it is not the primary text. */
  also?: readonly string[];
}

/**
 * Embeds the message and every other text the turn will embed (issue 11: one embedding call per turn, not a second
 * one for split, obfuscated or follow-up messages): the safety policy's readings of it, and `also` (the query
 * retrieval will search). All depend only on the message and the conversation so far,
 * so they are known before any vector is; each is then a cached query. An embedder without `embedQueries` embeds
 * the message alone, and the rest is embedded where it is needed, as before.
 */
export async function embedTurn(
  embeddings: TurnEmbedder,
  policy: Pick<SafetyPolicy, 'extraTexts'>,
  message: string,
  conversation: Conversation,
  options: EmbedTurnOptions = {},
): Promise<TurnVectors> {
  const primary = options.primary ?? message;
  const readings = embeddings.embedQueries ? (policy.extraTexts?.(message, conversation) ?? []) : [];
  const more = [...readings, ...(options.also ?? []).filter((t) => t !== primary)];
  if (more.length === 0 || !embeddings.embedQueries) {
    return { vector: await embeddings.embedQuery(primary), vectors: new Map() };
  }
  const [vector, ...rest] = await embeddings.embedQueries([primary, ...more]);
  return { vector: vector as number[], vectors: new Map(readings.map((t, i) => [t, rest[i] as number[]])) };
}
