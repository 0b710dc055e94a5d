/**
 * Follow-up figures on the DEV conversations (issue 11 item 5): right-unit rate of the last turn, per family
 * (third tag of evals/dev/answers-2026-12-01-followups.yaml) and for the bank's own dev-fu cases, through the real
 * bot. A measurement on dev data only (never evals/frozen/).
 *   npx tsx evals/follow-ups/run.ts [--verbose]
 *   npx tsx evals/follow-ups/run.ts --fit     (refits src/chat/follow-up-weights.json on the same dev files)
 */
import { parseArgs } from 'node:util';
import { loadCorpusTexts } from '../lib/corpus-text.js';
import { gradeCase, type GradedCase } from '../lib/grade.js';
import { isRightUnit } from '../lib/frozen/figures.js';
import { loadFrozenCases } from '../lib/frozen/load.js';
import { runCases } from '../lib/run.js';
import { inProcessTarget } from '../lib/targets.js';
import { fitFollowUpModel } from './fit.js';

/** The dev files whose multi-turn cases are measured: this set, and the follow-ups of the main dev set. */
export const FOLLOW_UP_FILES = ['evals/dev/answers-2026-12-01-followups.yaml', 'evals/dev/answers-2026-12-01.yaml'];

/** Single-turn dev questions: negatives for fitting (they stand on their own). */
const SINGLE_TURN_FILES = ['evals/dev/answers-2026-12-01-broad.yaml'];

const { values } = parseArgs({ options: { verbose: { type: 'boolean' }, fit: { type: 'boolean' } } });
const all = await loadFrozenCases(FOLLOW_UP_FILES);
const { createBot } = await import('../../src/chat/create-bot.js');
const bot = await createBot();
if (values.fit) {
  const files = [...FOLLOW_UP_FILES, ...SINGLE_TURN_FILES];
  const cases = [...all, ...(await loadFrozenCases(SINGLE_TURN_FILES))];
  process.stdout.write(`${await fitFollowUpModel(cases, bot.answerer.termStats, files)}\n`);
  process.exit(0);
}
const cases = all.filter((c) => c.turns.length > 1);
const corpus = await loadCorpusTexts('corpus');
// The resolved query of each last turn (the public reply body drops meta), for --verbose.
const resolved = new Map<string, string | undefined>();
const target = inProcessTarget({
  ask: (input) => bot.ask(input),
  info: () => bot.info(),
  exampleQuestions: (count) => bot.exampleQuestions(count),
  handleTurn: async (input, conversation) => {
    const reply = await bot.handleTurn(input, conversation);
    resolved.set(input.message, reply.meta.resolvedQuery);
    return reply;
  },
});
const runs = await runCases(cases, target, { concurrency: 1 });
const graded = runs.map((run) => gradeCase(run, corpus));

const groups = new Map<string, GradedCase[]>();
const add = (key: string, g: GradedCase) => groups.set(key, [...(groups.get(key) ?? []), g]);
for (const g of graded) {
  add('all', g);
  add(g.file.includes('followups') ? 'followups-file' : 'main-dev-file', g);
  if (g.file.includes('followups')) add(`  family ${g.tags[2] ?? '?'}`, g);
}
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
for (const [key, list] of groups) {
  const hits = list.filter(isRightUnit).length;
  const noAnswer = list.filter((g) => g.reply?.kind === 'no_answer').length;
  process.stdout.write(
    `${key.padEnd(26)} right unit ${String(hits).padStart(3)}/${String(list.length).padEnd(3)} ${pct(hits, list.length).padStart(7)}   no_answer ${noAnswer}\n`,
  );
}
if (values.verbose)
  for (const g of graded.filter((x) => !isRightUnit(x))) {
    process.stdout.write(
      `\n${g.id} [${g.tags.slice(2).join(',')}] ${JSON.stringify(g.turns)}\n  query: ${resolved.get(g.turns.at(-1) ?? '') ?? '?'}\n  got ${g.reply?.kind}: ${(g.reply?.citations ?? []).map((c) => c.quote.slice(0, 70)).join(' | ')}\n`,
    );
  }
process.exit(0);
