import { type Kysely, sql } from 'kysely';
import type { WebChatSessionStore } from '../core/webchat-sessions.js';
import { guarded } from './guarded.js';
import type { Database } from './schema.js';

/** Conversations per `after` query: keeps the OR list (and its bound parameters) small on both engines. */
const CURSOR_CHUNK = 200;

/**
 * Web Chat sessions and replay logs in `webchat_sessions` / `webchat_activities`, shared by every replica. An
 * append is one transaction: the session's `last_seq` is incremented by an UPDATE (which also proves the session
 * is live and locks its row on PostgreSQL, so concurrent appends to one conversation serialise), the activity is
 * inserted, and the log is trimmed to its bounds. On PostgreSQL it commits with `synchronous_commit = off`, like a
 * turn's other writes (`turn-writes.ts`): it survives a crash of the bot, and a turn does not wait for a WAL fsync.
 */
export class SqlWebChatSessionStore implements WebChatSessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
    private readonly now: () => number = Date.now,
  ) {}

  async create(
    session: { id: string; tokenHash: string; userId: string },
    limits: { ttlMs: number; max: number },
  ): Promise<{ created: true } | { created: false; retryAfterMs: number }> {
    const now = this.now();
    const live = await guarded('webchat.count', () =>
      this.db
        .selectFrom('webchat_sessions')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('expires_at').as('oldest')])
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow(),
    );
    // Two replicas creating at the same instant can both pass this check: the bound may be overshot by the
    // number of replicas, which is harmless (it bounds storage, not correctness).
    if (Number(live.n) >= limits.max) {
      return { created: false, retryAfterMs: Math.max(0, Number(live.oldest) - now) };
    }
    await guarded('webchat.create', () =>
      this.db
        .insertInto('webchat_sessions')
        .values({
          id: session.id,
          token_hash: session.tokenHash,
          user_id: session.userId,
          last_seq: 0,
          expires_at: now + limits.ttlMs,
        })
        .execute(),
    );
    return { created: true };
  }

  async authorize(id: string, tokenHash: string, ttlMs: number): Promise<string | undefined> {
    const now = this.now();
    // One statement: only a live session with this token hash is renewed and returned. Comparing SHA-256 hashes in
    // SQL leaks nothing useful through timing (an attacker cannot steer the hash of a guess).
    const row = await guarded('webchat.authorize', () =>
      this.db
        .updateTable('webchat_sessions')
        .set({ expires_at: now + ttlMs })
        .where('id', '=', id)
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst(),
    );
    return row?.user_id;
  }

  async append(
    id: string,
    json: string,
    bounds: { keep: number; keepChars: number; ttlMs: number },
  ): Promise<number | undefined> {
    const now = this.now();
    return guarded('webchat.append', () =>
      this.db.transaction().execute(async (trx) => {
        if (this.engine === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
        const session = await trx
          .updateTable('webchat_sessions')
          .set((eb) => ({ last_seq: eb('last_seq', '+', 1), expires_at: now + bounds.ttlMs }))
          .where('id', '=', id)
          .where('expires_at', '>', now)
          .returning('last_seq')
          .executeTakeFirst();
        if (!session) return undefined;
        const seq = Number(session.last_seq);
        await trx
          .insertInto('webchat_activities')
          .values({ conversation_id: id, seq, data: json, chars: json.length })
          .execute();
        // One statement trims by count and by characters: everything at or before the newest row whose running
        // total (newest first) passes keepChars goes, but never the activity just added.
        await sql`
          delete from webchat_activities
          where conversation_id = ${id} and seq < ${seq} and (
            seq <= ${seq - bounds.keep} or seq <= (
              select coalesce(max(seq), 0) from (
                select seq, sum(chars) over (order by seq desc) as total
                from webchat_activities where conversation_id = ${id}
              ) as running where total > ${bounds.keepChars}
            )
          )`.execute(trx);
        return seq;
      }),
    );
  }

  async after(
    cursors: readonly { id: string; afterSeq: number }[],
  ): Promise<{ id: string; seq: number; json: string }[]> {
    const out: { id: string; seq: number; json: string }[] = [];
    for (let i = 0; i < cursors.length; i += CURSOR_CHUNK) {
      const chunk = cursors.slice(i, i + CURSOR_CHUNK);
      const rows = await guarded('webchat.after', () =>
        this.db
          .selectFrom('webchat_activities')
          .select(['conversation_id', 'seq', 'data'])
          .where((eb) =>
            eb.or(chunk.map((c) => eb.and([eb('conversation_id', '=', c.id), eb('seq', '>', c.afterSeq)]))),
          )
          .orderBy('conversation_id')
          .orderBy('seq')
          .execute(),
      );
      for (const row of rows) out.push({ id: row.conversation_id, seq: Number(row.seq), json: row.data });
    }
    return out;
  }

  async sweep(maxChars: number): Promise<number> {
    const now = this.now();
    return guarded('webchat.sweep', async () => {
      const expired = (
        await this.db.selectFrom('webchat_sessions').select('id').where('expires_at', '<=', now).execute()
      ).map((r) => r.id);
      const sizes = await this.db
        .selectFrom('webchat_sessions as s')
        .leftJoin('webchat_activities as a', 'a.conversation_id', 's.id')
        .select((eb) => ['s.id', eb.fn.coalesce(eb.fn.sum('a.chars'), eb.lit(0)).as('chars')])
        .where('s.expires_at', '>', now)
        .groupBy(['s.id', 's.expires_at'])
        // Idle the longest first: those go first when all logs together are over budget.
        .orderBy('s.expires_at')
        .execute();
      let total = sizes.reduce((sum, r) => sum + Number(r.chars), 0);
      for (const row of sizes) {
        if (total <= maxChars) break;
        expired.push(row.id);
        total -= Number(row.chars);
      }
      for (let i = 0; i < expired.length; i += CURSOR_CHUNK) {
        const ids = expired.slice(i, i + CURSOR_CHUNK);
        await this.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('webchat_activities').where('conversation_id', 'in', ids).execute();
          await trx.deleteFrom('webchat_sessions').where('id', 'in', ids).execute();
        });
      }
      return expired.length;
    });
  }
}
