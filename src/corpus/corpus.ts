import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSynonyms, type SynonymExpander } from './synonyms.js';
import { chunkCorpus, DEFAULT_CHUNKER, type Chunk, type ChunkerSettings } from './chunk.js';
import { loadCorpus, type Article } from './load.js';
import { parseQuestionBankCached } from './bank-cache.js';
import { parseQuestionBank, resolveQuestionBank, type BankQuestion } from './question-bank.js';
import { loadNotCovered, NOT_COVERED_FILE } from './not-covered.js';

/** The synonyms file inside the corpus folder. */
export const SYNONYMS_FILE = 'synonyms.yaml';
/** The question bank inside the corpus folder. */
export const QUESTIONS_FILE = 'questions.yaml';

/** Everything the bot knows, derived from the corpus folder. */
export interface CorpusData {
  articles: Article[];
  /** Answer units (passages): the retrieval and citation unit. */
  chunks: Chunk[];
  /** Alternate questions of every unit (question bank + question-shaped headings). */
  bank: BankQuestion[];
  /** Questions the articles do not answer (`not-covered.yaml`): negative examples for the answerability model. */
  notCovered: string[];
  synonyms: SynonymExpander;
  /** Raw synonyms file text (hashed into the index manifest). */
  synonymsText: string;
  /** Raw question bank text, then the not-covered file's (hashed into the index manifest: both are embedded). */
  bankText: string;
  chunker: ChunkerSettings;
}

/**
 * Loads articles, splits them into units, resolves the question bank and loads the synonym groups.
 * `acceptedQuestionsFile` (same format as questions.yaml, written by the staff review) adds the alternate questions
 * staff accepted; when the file exists its text joins `bankText`, so the index manifest sees the change and rebuilds.
 * `cacheDir` (the index folder) keeps the parsed bank as JSON keyed by its text's hash (see bank-cache.ts).
 */
export async function loadCorpusData(
  corpusDir: string,
  chunker: ChunkerSettings = DEFAULT_CHUNKER,
  acceptedQuestionsFile?: string,
  cacheDir?: string,
): Promise<CorpusData> {
  const articles = await loadCorpus(corpusDir);
  const synonymsPath = join(corpusDir, SYNONYMS_FILE);
  const bankPath = join(corpusDir, QUESTIONS_FILE);
  const [synonyms, synonymsText, ownBankText, acceptedText, notCovered] = await Promise.all([
    loadSynonyms(synonymsPath),
    readFile(synonymsPath, 'utf8'),
    readFile(bankPath, 'utf8').catch(() => 'entries: []\n'),
    acceptedQuestionsFile ? readFile(acceptedQuestionsFile, 'utf8').catch(() => undefined) : undefined,
    loadNotCovered(join(corpusDir, NOT_COVERED_FILE)),
  ]);
  const chunks = chunkCorpus(articles, chunker);
  const bank = resolveQuestionBank(await parseQuestionBankCached(ownBankText, bankPath, { dir: cacheDir }), chunks);
  let bankText = ownBankText;
  if (acceptedQuestionsFile && acceptedText !== undefined) {
    const accepted = resolveQuestionBank(parseQuestionBank(acceptedText, acceptedQuestionsFile), chunks, {
      file: acceptedQuestionsFile,
      headings: false,
    });
    const known = new Set(bank.map((q) => `${q.unitId}\u0000${q.text.toLowerCase()}`));
    bank.push(...accepted.filter((q) => !known.has(`${q.unitId}\u0000${q.text.toLowerCase()}`)));
    bankText = `${ownBankText}\n# ${acceptedQuestionsFile}\n${acceptedText}`;
  }
  // Its questions are embedded too, so an edited not-covered file changes the bank hash and rebuilds the index.
  if (notCovered.text !== undefined) bankText = `${bankText}\n# ${NOT_COVERED_FILE}\n${notCovered.text}`;
  return { articles, chunks, bank, notCovered: notCovered.questions, synonyms, synonymsText, bankText, chunker };
}

/** Every text that gets its own vector: each sentence, section heading, bank and not-covered question, once. */
export function embeddableTexts(
  chunks: Chunk[],
  bank: readonly BankQuestion[] = [],
  notCovered: readonly string[] = [],
): string[] {
  const texts = new Set<string>();
  for (const chunk of chunks) {
    if (chunk.section) texts.add(chunk.section);
    for (const s of chunk.sentences) texts.add(s.text);
  }
  for (const q of bank) texts.add(q.text);
  for (const q of notCovered) texts.add(q);
  return [...texts];
}
