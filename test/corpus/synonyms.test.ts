import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusError } from '../../src/errors.js';
import { loadSynonyms, SynonymExpander, type SynonymsFile } from '../../src/corpus/synonyms.js';
import { getRealBot } from '../helpers/real-bot.js';

let real: SynonymExpander;
beforeAll(async () => {
  real = await loadSynonyms(resolve('corpus/synonyms.yaml'));
});

describe('synonym expansion of lay wording (corpus/synonyms.yaml)', () => {
  it.each([
    ['Can I have it while expecting a baby?', 'pregnancy', 'pregnant'],
    ['Is it given by IV?', 'intravenous', 'intravenous infusion'],
    ['Do they put you on a drip?', 'intravenous', 'intravenous infusion'],
    ['Is this the same stuff people take at a party?', 'recreational', 'recreational'],
    ['is it a clubbing drug', 'recreational', 'recreational'],
    ['Can you get hooked?', 'addiction', 'addictive'],
    ['Will I feel queasy?', 'nausea', 'nausea'],
  ])('%s → group %s adds "%s"', (question, group, phrase) => {
    const e = real.expand(question);
    expect(e.groups).toContain(group);
    expect(e.added).toContain(phrase);
  });

  it('matches whole words and phrases only', () => {
    expect(real.expand('What should I expect at the first visit?').groups).not.toContain('pregnancy');
    expect(real.expand('Is poison ivy a problem?').groups).not.toContain('intravenous');
    expect(real.expand('The department counterparty said so').groups).not.toContain('recreational');
  });

  it('is case-insensitive, ignores typographic apostrophes and adds nothing already in the question', () => {
    const e = real.expand('Is it OK when PREGNANT or Expecting A Baby?');
    expect(e.groups).toContain('pregnancy');
    expect(e.added).not.toContain('pregnant');
    expect(e.added).not.toContain('expecting a baby');
    // `matched` holds stems: phrases match on stems, so plurals and -ing forms fire groups too.
    expect(e.matched).toEqual(expect.arrayContaining(['pregnant', 'expect', 'baby']));
  });

  it('matches plurals and other forms through stems', () => {
    expect(real.expand('Is the ketamine people take at parties the same?').groups).toContain('recreational');
    expect(real.expand('Are drips the usual way?').groups).toContain('intravenous');
  });

  it('does nothing for a question no group recognises', () => {
    expect(real.expand('What colour is the sky?')).toEqual({ added: [], groups: [], matched: [] });
  });

  it('is symmetric within a group', () => {
    const expander = new SynonymExpander({ groups: [{ id: 'g', terms: ['alpha beta', 'gamma'] }] });
    expect(expander.expand('about gamma').added).toEqual(['alpha beta']);
    expect(expander.expand('about alpha beta').added).toEqual(['gamma']);
    expect(expander.expand('about alpha').added).toEqual([]);
  });

  it('brings the article wording into lexical retrieval: "expecting a baby" finds the pregnancy passage', async () => {
    const bot = await getRealBot();
    const question = 'Is it fine when expecting a baby?';
    const withSynonyms = await bot.stack.lexical.search(question, real.expand(question).added, 3);
    const without = await bot.stack.lexical.search(question, [], 3);
    const holds = (ids: { chunkId: string }[]) =>
      ids.some((h) =>
        bot.stack.data.chunks.find((c) => c.id === h.chunkId)?.text.includes('pregnant or breastfeeding'),
      );
    expect(holds(withSynonyms)).toBe(true);
    expect(holds(without)).toBe(false);
  });
});

describe('loadSynonyms validation', () => {
  async function file(text: string): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), 'kfb-syn-')), 'synonyms.yaml');
    await writeFile(path, text);
    return path;
  }

  it.each([
    ['invalid YAML', 'groups: [unclosed', /cannot be read as YAML/],
    ['no groups key', 'other: 1\n', /: groups: /],
    ['an empty group list', 'groups: []\n', /: groups: /],
    [
      'a group with one term',
      'groups:\n  - id: lonely\n    terms: [one]\n',
      /groups\.0\.terms: a group needs at least two terms/,
    ],
    ['a bad group id', 'groups:\n  - id: Bad Id\n    terms: [a, b]\n', /groups\.0\.id: id must be lowercase/],
    ['an empty term', 'groups:\n  - id: ok\n    terms: [a, "  "]\n', /groups\.0\.terms\.1/],
    ['a term that is not a string', 'groups:\n  - id: ok\n    terms: [a, {x: 1}]\n', /groups\.0\.terms\.1/],
  ])('%s is a CorpusError naming the file and the field', async (_what, text, message) => {
    const path = await file(text);
    const attempt = loadSynonyms(path);
    await expect(attempt).rejects.toThrow(CorpusError);
    await expect(loadSynonyms(path)).rejects.toThrow(message);
    await expect(loadSynonyms(path)).rejects.toThrow(path);
  });

  it('a missing file is a CorpusError naming it', async () => {
    await expect(loadSynonyms('/nonexistent/synonyms.yaml')).rejects.toThrow(/\/nonexistent\/synonyms\.yaml/);
  });

  it('accepts a minimal valid file', async () => {
    const valid: SynonymsFile = { groups: [{ id: 'a-1', terms: ['x', 'y'] }] };
    const expander = await loadSynonyms(await file(JSON.stringify(valid)));
    expect(expander.expand('x').added).toEqual(['y']);
  });
});
