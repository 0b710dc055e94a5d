import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  QuestionLogEntrySchema,
  type QuestionLog,
  type QuestionLogEntry,
  type QuestionLogQuery,
} from '../core/question-log.js';
import { guarded } from './guarded.js';
import type { Database } from './schema.js';
import { turnWrite } from './turn-writes.js';

const RowSchema = z.object({
  turn_id: z.string(),
  conversation_id: z.string(),
  at: z.string(),
  channel: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  // PostgreSQL's `double precision` arrives as a number, SQLite's REAL too; coerce guards a driver change.
  confidence: z.coerce.number().nullable(),
  question: z.string().nullable(),
  answer: z.string().nullable(),
  unit_ids: z.string(),
});

/** The question log in the `question_log` table; one row per turn id (a repeated append is ignored). */
export class SqlQuestionLog implements QuestionLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async append(entry: QuestionLogEntry): Promise<void> {
    const e = QuestionLogEntrySchema.parse(entry);
    await guarded('questionLog.append', () =>
      turnWrite(this.db, this.engine, (db) =>
        db
          .insertInto('question_log')
          .values({
            turn_id: e.turnId,
            conversation_id: e.conversationId,
            at: new Date(e.at).toISOString(),
            channel: e.channel,
            kind: e.kind,
            category: e.category ?? null,
            confidence: e.confidence ?? null,
            question: e.question,
            answer: e.answer,
            unit_ids: JSON.stringify(e.unitIds),
          })
          .onConflict((oc) => oc.column('turn_id').doNothing())
          .execute(),
      ),
    );
  }

  async get(turnId: string): Promise<QuestionLogEntry | undefined> {
    const row = await guarded('questionLog.get', () =>
      this.db.selectFrom('question_log').selectAll().where('turn_id', '=', turnId).executeTakeFirst(),
    );
    return row && toEntry(row);
  }

  async list(query: QuestionLogQuery = {}): Promise<QuestionLogEntry[]> {
    const rows = await guarded('questionLog.list', () => {
      let q = this.db.selectFrom('question_log').selectAll();
      if (query.kinds) {
        if (query.kinds.length === 0) return Promise.resolve([]);
        q = q.where('kind', 'in', [...query.kinds]);
      }
      if (query.since) q = q.where('at', '>=', new Date(query.since).toISOString());
      const max = query.maxConfidence;
      if (max !== undefined) q = q.where((eb) => eb.or([eb('confidence', 'is', null), eb('confidence', '<', max)]));
      q = q.orderBy('at', 'desc').orderBy('turn_id', 'desc');
      if (query.limit !== undefined) q = q.limit(query.limit);
      return q.execute();
    });
    return rows.map(toEntry);
  }

  async purgeBefore(beforeIso: string): Promise<number> {
    const result = await guarded('questionLog.purgeBefore', () =>
      this.db.deleteFrom('question_log').where('at', '<', new Date(beforeIso).toISOString()).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}

function toEntry(raw: unknown): QuestionLogEntry {
  const r = RowSchema.parse(raw);
  return QuestionLogEntrySchema.parse({
    turnId: r.turn_id,
    conversationId: r.conversation_id,
    at: r.at,
    channel: r.channel,
    kind: r.kind,
    ...(r.category !== null ? { category: r.category } : {}),
    ...(r.confidence !== null ? { confidence: r.confidence } : {}),
    question: r.question,
    answer: r.answer,
    unitIds: JSON.parse(r.unit_ids),
  });
}
