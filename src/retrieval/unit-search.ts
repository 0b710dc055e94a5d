import type { Chunk } from '../corpus/chunk.js';
import type { BankQuestion } from '../corpus/question-bank.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import type { LoadedIndex } from '../index/files.js';
import type { BankLexical } from './bank-lexical.js';
import type { LexicalRetriever } from './lexical.js';
import type { SynonymExpander } from './synonyms.js';

/** The raw match signals of one unit for one query (features are derived from these in src/answer). */
export interface UnitSignals {
  unit: Chunk;
  /** Best cosine of the query to one of the unit's bank questions (−1 when it has none). */
  bankMax: number;
  /** Mean of the two best bank cosines (the best alone when it has one). */
  bankTop2: number;
  /**
   * Mean cosine over ALL the unit's bank questions (−1 without any): a unit whose questions agree with the query as a
   * whole, not through one lucky paraphrase, is more likely the answer (the max alone rewards one outlier question).
   */
  bankMean: number;
  /** Best cosine of the query to one of the unit's sentences. */
  sentMax: number;
  /** Mean cosine of the query to the unit's sentences (the passage as a whole, not its single closest sentence). */
  sentMean: number;
  /** Cosine of the query to the unit's section heading (0 without one). */
  heading: number;
  /** BM25 of the best-matching bank question of the unit (raw; normalised per query by the caller). */
  bm25Bank: number;
  /** BM25 of the unit text and heading (raw). */
  bm25Unit: number;
  /** Share of the query's NEIGHBOURS nearest bank questions (dense) that belong to the unit: a k-NN vote. */
  bankVotesDense: number;
  /** Share of the query's NEIGHBOURS best BM25 bank hits that belong to the unit. */
  bankVotesBm25: number;
}

/** Bank questions that vote (k of k-NN): 10, about twice a unit's own questions, so one unit can win outright. */
const NEIGHBOURS = 10;

/** What {@link UnitSearch.search} found. */
export interface UnitSearchResult {
  queryVector: number[];
  signals: UnitSignals[];
  expansions: string[];
  synonymMatched: string[];
}

/** Options for {@link UnitSearch.search}. */
export interface UnitSearchOptions {
  /** A precomputed query vector (training reads bank questions' vectors from the index instead of embedding). */
  vector?: number[];
  /** Leave this bank question out of every bank signal (training on the bank: leave-the-question's-own-vector-out). */
  exclude?: number;
}

/**
 * Matches a query against every answer unit: user ↔ bank questions (dense through the HNSW index, and BM25) and
 * user ↔ unit text (dense over sentences and heading, and BM25). One embedding per query; one exact HNSW search
 * over every stored text (sentences, headings, bank questions: ~1,100 today, so k = all is still sub-millisecond).
 */
export class UnitSearch {
  private readonly bankOf: Map<string, number[]>;

  constructor(
    private readonly deps: {
      units: Chunk[];
      bank: readonly BankQuestion[];
      index: LoadedIndex;
      embeddings: ModelEmbeddings;
      lexical: LexicalRetriever;
      bankLexical: BankLexical;
      synonyms: SynonymExpander;
    },
  ) {
    this.bankOf = new Map(deps.units.map((u) => [u.id, [] as number[]]));
    deps.bank.forEach((q, i) => {
      this.bankOf.get(q.unitId)?.push(i);
    });
  }

  get units(): Chunk[] {
    return this.deps.units;
  }

  /** Vectors of the stored texts (sentences, headings, bank questions), for trimming a unit to a question. */
  get textVectors(): Map<string, number[]> {
    return this.deps.index.textVectors;
  }

  /** The bank question texts of a unit (for the bank-vocabulary coverage feature). */
  bankTexts(unitId: string, exclude?: number): string[] {
    return (this.bankOf.get(unitId) ?? [])
      .filter((i) => i !== exclude)
      .map((i) => (this.deps.bank[i] as BankQuestion).text);
  }

  async search(query: string, options: UnitSearchOptions = {}): Promise<UnitSearchResult> {
    const { added: expansions, matched: synonymMatched } = this.deps.synonyms.expand(query);
    const [queryVector, unitHits] = await Promise.all([
      options.vector ?? this.deps.embeddings.embedQuery(query),
      this.deps.lexical.search(query, expansions, this.deps.units.length),
    ]);
    const sims = this.similarities(queryVector);
    const bankBm25 = new Map<number, number>();
    for (const hit of this.deps.bankLexical.search(query, expansions))
      if (hit.question !== options.exclude) bankBm25.set(hit.question, hit.score);
    const unitBm25 = new Map(unitHits.map((h) => [h.chunkId, h.score]));
    const { bank } = this.deps;
    const votesDense = new Map<string, number>();
    const votesBm25 = new Map<string, number>();
    const nearest = bank
      .map((q, i) => ({ i, sim: i === options.exclude ? -2 : (sims.get(q.text) ?? -1) }))
      .sort((a, b) => b.sim - a.sim)
      .slice(0, NEIGHBOURS);
    for (const { i } of nearest) {
      const unitId = (bank[i] as BankQuestion).unitId;
      votesDense.set(unitId, (votesDense.get(unitId) ?? 0) + 1 / NEIGHBOURS);
    }
    const bm25Top = [...bankBm25.entries()].sort((a, b) => b[1] - a[1]).slice(0, NEIGHBOURS);
    for (const [i] of bm25Top) {
      const unitId = (bank[i] as BankQuestion).unitId;
      votesBm25.set(unitId, (votesBm25.get(unitId) ?? 0) + 1 / NEIGHBOURS);
    }
    const signals = this.deps.units.map((unit): UnitSignals => {
      const own = (this.bankOf.get(unit.id) ?? []).filter((i) => i !== options.exclude);
      const bankSims = own.map((i) => sims.get((bank[i] as BankQuestion).text) ?? -1).sort((a, b) => b - a);
      let sentMax = -1;
      let sentSum = 0;
      for (const s of unit.sentences) {
        const sim = sims.get(s.text) ?? -1;
        sentMax = Math.max(sentMax, sim);
        sentSum += sim;
      }
      return {
        unit,
        bankMax: bankSims[0] ?? -1,
        bankTop2: bankSims.length === 0 ? -1 : ((bankSims[0] as number) + (bankSims[1] ?? (bankSims[0] as number))) / 2,
        bankMean: bankSims.length === 0 ? -1 : bankSims.reduce((a, b) => a + b, 0) / bankSims.length,
        sentMax,
        sentMean: unit.sentences.length === 0 ? -1 : sentSum / unit.sentences.length,
        heading: unit.section ? (sims.get(unit.section) ?? 0) : 0,
        bm25Bank: Math.max(0, ...own.map((i) => bankBm25.get(i) ?? 0)),
        bm25Unit: unitBm25.get(unit.id) ?? 0,
        bankVotesDense: votesDense.get(unit.id) ?? 0,
        bankVotesBm25: votesBm25.get(unit.id) ?? 0,
      };
    });
    return { queryVector, signals, expansions, synonymMatched };
  }

  /** Cosine of the query to every stored text, from one exact HNSW search (cosine space: distance = 1 − cosine). */
  private similarities(queryVector: number[]): Map<string, number> {
    const { store, texts } = this.deps.index;
    const { neighbors, distances } = store.index.searchKnn(queryVector, texts.length);
    const sims = new Map<string, number>();
    neighbors.forEach((label, i) => {
      const text = texts[label];
      if (text !== undefined && !sims.has(text)) sims.set(text, 1 - (distances[i] as number));
    });
    return sims;
  }
}
