/**
 * Picks the clustering threshold on generated paraphrases (`npx tsx src/review/tune-threshold.ts`): for each
 * candidate cosine, clusters every question of {@link PARAPHRASE_TOPICS} with USE-lite and reports purity
 * (share of questions in a cluster whose majority topic is theirs), pair precision/recall and the cluster count.
 */
import { UseLiteEmbeddings } from '../embeddings/use-lite.js';
import { clusterQuestions, type QuestionGroup } from './cluster.js';
import { normaliseQuestion } from './normalise.js';
import { PARAPHRASE_TOPICS } from './paraphrases.js';

const rows = Object.entries(PARAPHRASE_TOPICS).flatMap(([topic, qs]) => qs.map((q) => ({ topic, q })));
const embeddings = new UseLiteEmbeddings();
const vectors = await embeddings.embedDocuments(rows.map((r) => r.q));
const byKey = new Map(rows.map((r, i) => [normaliseQuestion(r.q), vectors[i] as number[]]));
const topicOf = new Map(rows.map((r) => [normaliseQuestion(r.q), r.topic]));
const groups: QuestionGroup[] = rows.map((r) => ({ key: normaliseQuestion(r.q), text: r.q, count: 1, lastAt: '' }));

console.log('threshold  clusters  purity  pairPrecision  pairRecall  pairF1');
for (let t = 0.5; t <= 0.851; t += 0.02) {
  const clusters = clusterQuestions(groups, byKey, t);
  let pure = 0;
  let tp = 0;
  let fp = 0;
  for (const c of clusters) {
    const topics = c.members.map((m) => topicOf.get(m.key));
    const counts = new Map<string | undefined, number>();
    for (const x of topics) counts.set(x, (counts.get(x) ?? 0) + 1);
    pure += Math.max(...counts.values());
    for (let i = 0; i < topics.length; i++)
      for (let j = i + 1; j < topics.length; j++) topics[i] === topics[j] ? tp++ : fp++;
  }
  const sizes = Object.values(PARAPHRASE_TOPICS).map((q) => q.length);
  const allPairs = sizes.reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp / allPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  console.log(
    `${t.toFixed(2).padStart(9)}  ${String(clusters.length).padStart(8)}  ${(pure / rows.length).toFixed(3)}  ` +
      `${precision.toFixed(3).padStart(13)}  ${recall.toFixed(3).padStart(10)}  ${f1.toFixed(3)}`,
  );
}
await embeddings.close();
