import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { foldQuotes } from '../text/tokenize.js';
import type { Chunk } from './chunk.js';
import { parseYamlFile } from './yaml-file.js';

/** `corpus/questions.yaml`: alternate questions per answer unit, anchored by a verbatim sentence fragment. */
export const QuestionBankFileSchema = z.object({
  entries: z.array(
    z.strictObject({
      /** Article id. */
      doc: z.string().min(1),
      /** A verbatim fragment of one sentence of `doc`. */
      anchor: z.string().trim().min(8),
      /** The section heading, only where the anchored sentence stands in more than one section. */
      section: z.string().optional(),
      questions: z.array(z.string().trim().min(3)).min(1),
    }),
  ),
});
export type QuestionBankFile = z.infer<typeof QuestionBankFileSchema>;

/** One bank question and the unit it belongs to. */
export interface BankQuestion {
  text: string;
  unitId: string;
  /** `heading` for a question-shaped section heading, `bank` for an entry of questions.yaml. */
  source: 'heading' | 'bank';
}

const norm = (text: string) => foldQuotes(text).replace(/\s+/g, ' ').trim();

/**
 * Resolves every entry to the unit holding its anchor sentence, and adds each question-shaped heading (one "?")
 * as a question of every unit of its section. An anchor found nowhere, or in two units without a `section` that
 * tells them apart, is an error naming the entry: the index build fails rather than answering from a stale bank.
 */
export function resolveQuestionBank(
  file: QuestionBankFile,
  units: Chunk[],
  /** `file` names the source in errors; `headings: false` skips heading questions (an extra file, e.g. accepted). */
  options: { file?: string; headings?: boolean } = {},
): BankQuestion[] {
  const out: BankQuestion[] = [];
  const seen = new Set<string>();
  const add = (text: string, unitId: string, source: BankQuestion['source']) => {
    const key = `${unitId}\u0000${text.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ text, unitId, source });
  };
  for (const unit of options.headings === false ? [] : units) {
    const h = unit.section;
    if (h?.endsWith('?') && (h.match(/\?/g) ?? []).length === 1) add(h, unit.id, 'heading');
  }
  // Each unit's sentences normalised once, not once per entry (~450 entries, each scanning its whole article): that
  // folding was ~75 ms of every start and of every test that loads the corpus (cold-start CPU profile, round 8).
  const normed = new Map<Chunk, string[]>();
  const sentencesOf = (u: Chunk): string[] => {
    const known = normed.get(u);
    if (known) return known;
    const texts = u.sentences.map((s) => norm(s.text));
    normed.set(u, texts);
    return texts;
  };
  file.entries.forEach((entry, i) => {
    const name = `${options.file ?? 'corpus/questions.yaml'} entry ${i + 1} (${entry.doc}: "${entry.anchor}")`;
    const anchor = norm(entry.anchor);
    let found = units.filter((u) => u.docId === entry.doc && sentencesOf(u).some((s) => s.includes(anchor)));
    if (entry.section !== undefined) found = found.filter((u) => u.section === entry.section);
    if (found.length === 0)
      throw new CorpusError(
        `${name}: anchor not found in the article${entry.section ? ` under "${entry.section}"` : ''}.`,
      );
    if (found.length > 1)
      throw new CorpusError(`${name}: anchor is in ${found.length} units; add \`section\` to say which.`);
    for (const q of entry.questions) add(q, (found[0] as Chunk).id, 'bank');
  });
  return out;
}

/** Parses and validates the bank file's text. */
export function parseQuestionBank(text: string, file = 'corpus/questions.yaml'): QuestionBankFile {
  return parseYamlFile(text, QuestionBankFileSchema, file);
}
