import type { Embeddings } from '@langchain/core/embeddings';
import { dot, normalize } from '../core/vector.js';

/**
 * A few ways of asking where the answers come from. Written for this check (not taken from eval or frozen cases);
 * `evals/dev/sources-intent.yaml` is the dev list the threshold was chosen on.
 */
export const SOURCE_QUESTION_EXEMPLARS = [
  'Where does this information come from?',
  'Who wrote these articles?',
  'What are your sources?',
  'Which articles do you use?',
  'Where do your answers come from?',
  'Can I read the original articles?',
  'Who is the author of this?',
  'What do you base your answers on?',
  'Do you have references for that?',
  'What is your knowledge based on?',
] as const;

/**
 * Lowest cosine (USE-lite) to the nearest exemplar that counts as a question about the sources. Chosen with
 * `npx tsx evals/sources-intent/run.ts` on evals/dev/sources-intent.yaml (2026-12-01): the lowest value that lets
 * none of the 18 other questions through (highest: "what topics do you know about", 0.605), which catches 10 of the
 * 12 source questions. A wrong article list instead of an answer is worse than a missed source question.
 */
export const SOURCES_THRESHOLD = 0.61;

/** Decides whether a message (by its embedding) asks where the answers come from. */
export interface SourcesIntent {
  /** Highest cosine to an exemplar. */
  score(vector: readonly number[]): Promise<number>;
  matches(vector: readonly number[]): Promise<boolean>;
}

/** Embeds the exemplars once, on first use, with the same model the turn's message vector came from. */
export function createSourcesIntent(
  embeddings: Pick<Embeddings, 'embedDocuments'>,
  threshold = SOURCES_THRESHOLD,
): SourcesIntent {
  let exemplars: Promise<number[][]> | undefined;
  const score = async (vector: readonly number[]) => {
    exemplars ??= embeddings.embedDocuments([...SOURCE_QUESTION_EXEMPLARS]).then((vs) => vs.map(normalize));
    const v = normalize([...vector]);
    return Math.max(...(await exemplars).map((e) => dot(e, v)));
  };
  return { score, matches: async (vector) => (await score(vector)) >= threshold };
}

/** One article for the sources reply. */
export interface SourceArticle {
  docId: string;
  title: string;
}

/**
 * The reply to a question about the sources: the articles, each with its page (`/articles/<docId>`, absolute when
 * `publicBaseUrl` is set). The articles name no authors, so the reply says so rather than inventing one.
 */
export function sourcesReplyText(articles: readonly SourceArticle[], publicBaseUrl?: string): string {
  const base = publicBaseUrl ? publicBaseUrl.replace(/\/+$/, '') : '';
  const list = articles.map((a) => `- ${a.title}: ${base}/articles/${encodeURIComponent(a.docId)}`);
  return [
    `I don't write answers of my own: every answer quotes these ${articles.length} published articles, and each quote is cited so you can check it. The articles don't name their authors. You can read each one in full:`,
    '',
    ...list,
  ].join('\n');
}
