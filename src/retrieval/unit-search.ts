import type { Chunk } from '../corpus/chunk.js';
import type { BankQuestion } from '../corpus/question-bank.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import type { LoadedIndex } from '../index/files.js';
import type { BankLexical } from './bank-lexical.js';
import type { LexicalRetriever } from './lexical.js';
import type { SynonymExpander } from './synonyms.js';
import { createIpScan } from './ip-scan.js';
import { TextSimilarities } from './text-similarities.js';
import { NO_NOT_COVERED, notCoveredSignals, type NotCoveredSignals } from './not-covered-signals.js';

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
  /** How close the query is to the questions the articles do not answer. */
  notCovered: NotCoveredSignals;
}

/** Options for {@link UnitSearch.search}. */
export interface UnitSearchOptions {
  /** A precomputed query vector (training reads bank questions' vectors from the index instead of embedding). */
  vector?: number[];
  /** Leave this bank question out of every bank signal (training on the bank: leave-the-question's-own-vector-out). */
  exclude?: number;
  /** Leave this not-covered question out of the not-covered signals (training on the not-covered bank). */
  excludeNotCovered?: number;
}

/**
 * Matches a query against every answer unit: user ↔ bank questions (dense through the HNSW index, and BM25) and
 * user ↔ unit text (dense over sentences and heading, and BM25). One embedding per query; one exact pass over every
 * stored vector (sentences, headings, bank and not-covered questions: 2,110 today), giving the exact HNSW search's
 * distances bit for bit (ip-scan.ts), read by text id (TextSimilarities).
 */
export class UnitSearch {
  private readonly bankOf: Map<string, number[]>;
  /** Bank question indices of every unit, by unit position (the same arrays as {@link bankOf}). */
  private readonly ownOf: number[][];
  /** The most bank questions one unit has. */
  private readonly maxOwn: number;
  private readonly textSims: TextSimilarities;
  /** Text id (in {@link textSims}) of every bank question, −1 when the index lacks it. */
  private readonly bankIds: Int32Array;
  /** Per unit (in order): text ids of its sentences and of its heading (−1: none, or not in the index). */
  private readonly layout: { sentences: Int32Array; heading: number }[];
  /** Text id of every not-covered question (−1 when the index lacks it). */
  private readonly notCoveredIds: Int32Array;

  constructor(
    private readonly deps: {
      units: Chunk[];
      bank: readonly BankQuestion[];
      index: LoadedIndex;
      embeddings: ModelEmbeddings;
      lexical: LexicalRetriever;
      bankLexical: BankLexical;
      synonyms: SynonymExpander;
      /** The not-covered questions (embedded in the index) and BM25 over them. */
      notCovered?: { texts: readonly string[]; lexical: BankLexical };
    },
  ) {
    this.bankOf = new Map(deps.units.map((u) => [u.id, [] as number[]]));
    deps.bank.forEach((q, i) => {
      this.bankOf.get(q.unitId)?.push(i);
    });
    this.ownOf = deps.units.map((u) => this.bankOf.get(u.id) ?? []);
    this.maxOwn = this.ownOf.reduce((m, own) => Math.max(m, own.length), 0);
    const { texts, store, textVectors } = deps.index;
    // textVectors holds one label's vector per text: exact for a text stored once, read from the index otherwise.
    const labels = new Map<string, number>();
    for (const t of texts) labels.set(t, (labels.get(t) ?? 0) + 1);
    const known = (label: number) => {
      const text = texts[label] as string;
      return labels.get(text) === 1 ? textVectors.get(text) : undefined;
    };
    this.textSims = new TextSimilarities(
      texts,
      (vector, k) => store.index.searchKnn(vector, k),
      createIpScan(store.index, known),
    );
    this.bankIds = Int32Array.from(deps.bank, (q) => this.textSims.idOf(q.text));
    this.layout = deps.units.map((u) => ({
      sentences: Int32Array.from(u.sentences, (s) => this.textSims.idOf(s.text)),
      heading: u.section ? this.textSims.idOf(u.section) : -1,
    }));
    this.notCoveredIds = Int32Array.from(deps.notCovered?.texts ?? [], (q) => this.textSims.idOf(q));
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
    const sims = this.textSims.similarities(queryVector);
    // A text the index lacks (or the search did not return) counts as `missing`, as before.
    const simOf = (id: number, missing: number) => {
      const sim = id < 0 ? Number.NaN : (sims[id] as number);
      return Number.isNaN(sim) ? missing : sim;
    };
    const { bank, units } = this.deps;
    const bankSim = new Float64Array(bank.length);
    for (let i = 0; i < bank.length; i++)
      bankSim[i] = i === options.exclude ? -2 : simOf(this.bankIds[i] as number, -1);
    const bankBm25 = new Float64Array(bank.length);
    const bm25Hits: { i: number; score: number }[] = [];
    for (const hit of this.deps.bankLexical.search(query, expansions)) {
      if (hit.question === options.exclude) continue;
      // MiniSearch lists each document once, best first.
      bankBm25[hit.question] = hit.score;
      bm25Hits.push({ i: hit.question, score: hit.score });
    }
    const unitBm25 = new Map(unitHits.map((h) => [h.chunkId, h.score]));
    const votesDense = new Map<string, number>();
    const votesBm25 = new Map<string, number>();
    for (const i of topIndices(bankSim, NEIGHBOURS)) {
      const unitId = (bank[i] as BankQuestion).unitId;
      votesDense.set(unitId, (votesDense.get(unitId) ?? 0) + 1 / NEIGHBOURS);
    }
    // The hits come best first (ties in MiniSearch's order), so the top ones are the first: what a stable sort gave.
    const bm25Top = bm25Hits.slice(0, NEIGHBOURS);
    for (const { i } of bm25Top) {
      const unitId = (bank[i] as BankQuestion).unitId;
      votesBm25.set(unitId, (votesBm25.get(unitId) ?? 0) + 1 / NEIGHBOURS);
    }
    // One scratch buffer for every unit's bank cosines (a unit has a handful; no arrays allocated per unit).
    const scratch = new Float64Array(this.maxOwn);
    const signals = units.map((unit, u): UnitSignals => {
      const own = this.ownOf[u] as number[];
      let count = 0;
      for (const i of own) if (i !== options.exclude) scratch[count++] = bankSim[i] as number;
      const bankSims = sortedDescending(scratch, count);
      const layout = this.layout[u] as { sentences: Int32Array; heading: number };
      let sentMax = -1;
      let sentSum = 0;
      for (const id of layout.sentences) {
        const sim = simOf(id, -1);
        sentMax = Math.max(sentMax, sim);
        sentSum += sim;
      }
      let bm25Bank = 0;
      for (const i of own) if (i !== options.exclude) bm25Bank = Math.max(bm25Bank, bankBm25[i] as number);
      return {
        unit,
        bankMax: bankSims[0] ?? -1,
        bankTop2: bankSims.length === 0 ? -1 : ((bankSims[0] as number) + (bankSims[1] ?? (bankSims[0] as number))) / 2,
        bankMean: bankSims.length === 0 ? -1 : bankSims.reduce((a, b) => a + b, 0) / bankSims.length,
        sentMax,
        sentMean: unit.sentences.length === 0 ? -1 : sentSum / unit.sentences.length,
        heading: unit.section ? simOf(layout.heading, 0) : 0,
        bm25Bank,
        bm25Unit: unitBm25.get(unit.id) ?? 0,
        bankVotesDense: votesDense.get(unit.id) ?? 0,
        bankVotesBm25: votesBm25.get(unit.id) ?? 0,
      };
    });
    const nc = this.deps.notCovered;
    const notCovered = nc
      ? notCoveredSignals(sims, this.notCoveredIds, nc.lexical.search(query, expansions), options.excludeNotCovered)
      : NO_NOT_COVERED;
    return { queryVector, signals, expansions, synonymMatched, notCovered };
  }
}

/**
 * The first `count` values of `values`, largest first, as a plain array: what `.sort((a, b) => b − a)` gave (equal
 * values are interchangeable), so the mean summed over it in this order is bit for bit the same.
 */
function sortedDescending(values: Float64Array, count: number): number[] {
  const sorted = values.subarray(0, count).sort();
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = sorted[count - 1 - i] as number;
  return out;
}

/**
 * Indices of the `k` largest values, largest first; ties keep the lower index first (what a stable sort by value
 * gave), so the k-NN vote is the same as sorting all of them.
 */
export function topIndices(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (top.length === k && v <= (values[top[k - 1] as number] as number)) continue;
    let at = top.length;
    while (at > 0 && (values[top[at - 1] as number] as number) < v) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}
