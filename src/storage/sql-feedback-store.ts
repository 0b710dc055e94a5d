import type { Kysely } from 'kysely';
import { z } from 'zod';
import { FeedbackSchema, type Feedback, type FeedbackQuery, type FeedbackStore } from '../core/feedback.js';
import type { Database } from './schema.js';
import { guarded } from './guarded.js';

const RowSchema = z.object({
  turn_id: z.string(),
  voter_id: z.string(),
  conversation_id: z.string(),
  kind: z.string(),
  rating: z.string(),
  comment: z.string().nullable(),
  channel: z.string(),
  at: z.string(),
});

/** Feedback in the `feedback` table: one row per (turn, voter), replaced on every vote (an upsert). */
export class SqlFeedbackStore implements FeedbackStore {
  constructor(private readonly db: Kysely<Database>) {}

  async vote(feedback: Feedback): Promise<void> {
    const f = FeedbackSchema.parse(feedback);
    const at = new Date(f.at ?? Date.now()).toISOString();
    const row = {
      turn_id: f.turnId,
      voter_id: f.voterId,
      conversation_id: f.conversationId,
      kind: f.kind,
      rating: f.rating,
      comment: f.comment ?? null,
      channel: f.channel,
      at,
    };
    await guarded('feedback.vote', () =>
      this.db
        .insertInto('feedback')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['turn_id', 'voter_id']).doUpdateSet({
            conversation_id: row.conversation_id,
            kind: row.kind,
            rating: row.rating,
            comment: row.comment,
            channel: row.channel,
            at: row.at,
          }),
        )
        .execute(),
    );
  }

  async list(query: FeedbackQuery = {}): Promise<Feedback[]> {
    const rows = await guarded('feedback.list', () => {
      let q = this.db.selectFrom('feedback').selectAll();
      if (query.rating) q = q.where('rating', '=', query.rating);
      if (query.since) q = q.where('at', '>=', new Date(query.since).toISOString());
      q = q.orderBy('at', 'desc').orderBy('turn_id', 'desc');
      if (query.limit !== undefined) q = q.limit(query.limit);
      return q.execute();
    });
    return rows.map((raw) => {
      const r = RowSchema.parse(raw);
      return FeedbackSchema.parse({
        conversationId: r.conversation_id,
        turnId: r.turn_id,
        voterId: r.voter_id,
        kind: r.kind,
        rating: r.rating,
        ...(r.comment !== null ? { comment: r.comment } : {}),
        channel: r.channel,
        at: r.at,
      });
    });
  }
}
