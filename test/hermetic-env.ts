import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Makes every test run hermetic, whatever the developer's shell or `.env` says: `VITEST` makes src/config/env.ts
 * skip `.env`, and the index lives in a temporary folder of their own, one per checkout, so
 * repeated runs reuse the index the global setup built. Imported by each vitest config before anything starts.
 */
export function useHermeticEnv(): void {
  const checkout = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `ketamine-faq-bot-test-${checkout}`);
  process.env.VITEST = 'true';
  process.env.INDEX_DIR = join(dir, 'index');
  // Nothing durable unless a test opens its own database: test servers never share (or leave) a bot.db.
  process.env.DATABASE_URL = 'memory:';
  // The eval CLI writes its review-page summary here, never into the checkout's data/.
  process.env.EVAL_REPORT_FILE = join(dir, 'eval-report.json');
}
