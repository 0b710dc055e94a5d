import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ConversationSchema, type Conversation } from '../core/conversation.js';
import { guarded } from './guarded.js';
import type { Database } from './schema.js';
import type { ExpiringConversationStore } from './storage.js';
import { turnWrite } from './turn-writes.js';

/** Options for {@link SqlConversationStore}. */
export interface SqlConversationStoreOptions {
  /** A conversation expires this many ms after its last save (CONVERSATION_TTL_MINUTES). */
  ttlMs: number;
  /** PostgreSQL saves commit asynchronously (see turn-writes.ts). */
  engine: 'sqlite' | 'postgres';
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

const RowSchema = z.object({ data: z.string() });

/**
 * Conversations in the `conversations` table, as JSON validated with the core schema on read. Every save renews the
 * expiry; reads ignore expired rows, and `sweep` deletes them (run periodically by the retention timer). Unlike the
 * memory store there is no count limit: expiry bounds the table.
 */
export class SqlConversationStore implements ExpiringConversationStore {
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: SqlConversationStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async get(id: string): Promise<Conversation | undefined> {
    const row = await guarded('conversations.get', () =>
      this.db
        .selectFrom('conversations')
        .select('data')
        .where('id', '=', id)
        .where('expires_at', '>', this.now())
        .executeTakeFirst(),
    );
    if (!row) return undefined;
    return ConversationSchema.parse(JSON.parse(RowSchema.parse(row).data));
  }

  async save(conversation: Conversation): Promise<void> {
    const c = ConversationSchema.parse(conversation);
    const now = this.now();
    const values = { id: c.id, data: JSON.stringify(c), updated_at: now, expires_at: now + this.options.ttlMs };
    await guarded('conversations.save', () =>
      turnWrite(this.db, this.options.engine, (db) =>
        db
          .insertInto('conversations')
          .values(values)
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet({ data: values.data, updated_at: values.updated_at, expires_at: values.expires_at }),
          )
          .execute(),
      ),
    );
  }

  async sweep(): Promise<number> {
    const result = await guarded('conversations.sweep', () =>
      this.db.deleteFrom('conversations').where('expires_at', '<=', this.now()).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}
