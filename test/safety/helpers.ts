import { Embeddings } from '@langchain/core/embeddings';
import type { TurnRecord } from '../../src/core/conversation.js';
import type { Logger } from '../../src/core/logger.js';

/** Counts what was embedded, so tests can prove a warm cache embeds nothing. */
export class CountingEmbeddings extends Embeddings {
  documentsEmbedded = 0;
  /** Model calls for documents (a batch counts once): what one batched call per turn is measured by. */
  documentCalls = 0;
  queriesEmbedded = 0;
  constructor(
    private readonly inner: Embeddings,
    readonly modelId = 'counting-test-model',
  ) {
    super({});
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    this.documentsEmbedded += documents.length;
    this.documentCalls += 1;
    return this.inner.embedDocuments(documents);
  }
  async embedQuery(text: string): Promise<number[]> {
    this.queriesEmbedded += 1;
    return this.inner.embedQuery(text);
  }
}

/** A turn as handleTurn would record it. */
export function turn(message: string, kind: TurnRecord['kind'], category?: TurnRecord['category']): TurnRecord {
  return { message, resolvedQuery: message, kind, ...(category ? { category } : {}), topic: [], chunkIds: [], at: 0 };
}

/** A logger that keeps every line for assertions. */
export function memoryLogger(): Logger & {
  lines: { level: string; event: string; fields: Record<string, unknown> }[];
} {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
