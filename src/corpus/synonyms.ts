import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { stem } from '../text/stem.js';
import { words } from '../text/tokenize.js';

/** `corpus/synonyms.yaml`: symmetric groups of lay wording ↔ article wording. */
export const SynonymsFileSchema = z.object({
  groups: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and dashes'),
        terms: z.array(z.string().trim().min(1)).min(2, 'a group needs at least two terms'),
      }),
    )
    .min(1),
});
export type SynonymsFile = z.infer<typeof SynonymsFileSchema>;

/** What {@link SynonymExpander.expand} found. */
export interface Expansion {
  added: string[];
  groups: string[];
  matched: string[];
}

/** Expands a query with the other phrases of every group it mentions. */
export class SynonymExpander {
  private readonly groups: { id: string; phrases: { text: string; stems: string[] }[] }[];
  /** Every group's terms as written: the lay words and brand names the query speller corrects towards. */
  readonly terms: readonly string[];

  constructor(file: SynonymsFile) {
    this.terms = file.groups.flatMap((g) => g.terms);
    // Phrases match on stems, so "parties", "drips" and "babies" fire the groups that list "party", "drip", "baby".
    this.groups = file.groups.map((g) => ({
      id: g.id,
      phrases: g.terms.map((t) => ({ text: words(t).join(' '), stems: words(t).map(stem) })),
    }));
  }

  /**
   * The phrases to add (not already in the query), which groups fired, and the query's own words that a group
   * recognised, as stems (those are lay wording the articles say differently, not words the articles lack).
   */
  expand(query: string): Expansion {
    const tokens = words(query).map(stem);
    const added = new Set<string>();
    const matched = new Set<string>();
    const groups: string[] = [];
    for (const group of this.groups) {
      const hits = group.phrases.filter((p) => containsPhrase(tokens, p.stems));
      if (hits.length === 0) continue;
      groups.push(group.id);
      for (const h of hits) for (const w of h.stems) matched.add(w);
      for (const p of group.phrases) if (!containsPhrase(tokens, p.stems)) added.add(p.text);
    }
    return { added: [...added], groups, matched: [...matched] };
  }
}

function containsPhrase(tokens: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** Reads and validates a synonyms file; errors name the file and the field. */
export async function loadSynonyms(file: string): Promise<SynonymExpander> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CorpusError(`${file}: cannot be read as YAML (${(error as Error).message}).`);
  }
  const parsed = SynonymsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorpusError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`);
  }
  return new SynonymExpander(parsed.data);
}
