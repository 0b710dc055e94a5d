import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ReviewDecisionSchema, type ReviewDecision, type ReviewStore } from '../core/review.js';
import { guarded } from './guarded.js';
import type { Database } from './schema.js';

const RowSchema = z.object({
  cluster_key: z.string(),
  action: z.string(),
  unit_id: z.string().nullable(),
  question: z.string().nullable(),
  decided_by: z.string(),
  at: z.string(),
});

/** Review decisions in `review_decisions`: an append-only history, so staff see every decision and who made it. */
export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  async decide(decision: ReviewDecision): Promise<void> {
    const d = ReviewDecisionSchema.parse(decision);
    await guarded('reviews.decide', () =>
      this.db
        .insertInto('review_decisions')
        .values({
          id: randomUUID(),
          cluster_key: d.clusterKey,
          action: d.action,
          unit_id: d.unitId ?? null,
          question: d.question ?? null,
          decided_by: d.by,
          at: new Date(d.at).toISOString(),
        })
        .execute(),
    );
  }

  async list(): Promise<ReviewDecision[]> {
    const rows = await guarded('reviews.list', () =>
      this.db.selectFrom('review_decisions').selectAll().orderBy('at', 'desc').orderBy('seq', 'desc').execute(),
    );
    return rows.map((raw) => {
      const r = RowSchema.parse(raw);
      return ReviewDecisionSchema.parse({
        clusterKey: r.cluster_key,
        action: r.action,
        ...(r.unit_id !== null ? { unitId: r.unit_id } : {}),
        ...(r.question !== null ? { question: r.question } : {}),
        by: r.decided_by,
        at: r.at,
      });
    });
  }
}
