/**
 * Picks the clustering threshold on generated paraphrases (`npx tsx scripts/tune-review-clusters.ts`): for each
 * candidate cosine, clusters every question of {@link PARAPHRASE_TOPICS} with USE-lite and reports purity
 * (share of questions in a cluster whose majority topic is theirs), pair precision/recall and the cluster count.
 */
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
import { clusterQuestions, type QuestionGroup } from '../src/review/cluster.js';
import { normaliseQuestion } from '../src/review/normalise.js';

/**
 * Generated tuning data for `CLUSTER_THRESHOLD` (src/review/cluster.ts): visitor-style questions, several wordings per topic, written
 * for this purpose (not taken from the logs or the eval sets). Topics sit close together on purpose (several about
 * side effects, several about cost and access), so a threshold that separates them separates real clusters.
 */
const PARAPHRASE_TOPICS: Record<string, string[]> = {
  insurance: [
    'Does insurance cover ketamine therapy?',
    'Will my health insurance pay for ketamine treatment?',
    'is ketamine infusion covered by insurance',
    'Can I get my insurer to reimburse ketamine sessions?',
  ],
  cost: [
    'How much does ketamine therapy cost?',
    'what is the price of a ketamine infusion',
    'How expensive are ketamine treatments?',
    'ketamine therapy cost per session',
  ],
  driving: [
    'Can I drive home after a ketamine session?',
    'Is it safe to drive after ketamine treatment?',
    'when can i drive after my infusion',
    'Do I need someone to drive me after ketamine?',
  ],
  'half-life': [
    'What is the half-life of ketamine?',
    'How long does ketamine stay in your body?',
    'how long until ketamine leaves my system',
    'How quickly is ketamine eliminated?',
  ],
  'drug-test': [
    'Will ketamine show up on a drug test?',
    'does ketamine appear in a urine test',
    'Can a drug screen detect ketamine?',
    'Would I fail a drug test after ketamine therapy?',
  ],
  pregnancy: [
    'Is ketamine safe during pregnancy?',
    'Can pregnant women have ketamine treatment?',
    'ketamine while pregnant risks',
    'Should I avoid ketamine if I am expecting a baby?',
  ],
  addiction: [
    'Is ketamine addictive?',
    'Can you get addicted to ketamine therapy?',
    'risk of ketamine dependence',
    'Could I become hooked on ketamine?',
  ],
  nausea: [
    'Does ketamine make you nauseous?',
    'Will I feel sick to my stomach after ketamine?',
    'ketamine nausea vomiting',
    'Can ketamine cause throwing up?',
  ],
  'how-fast': [
    'How quickly does ketamine work for depression?',
    'How soon will I feel better after ketamine?',
    'how fast do ketamine effects start',
    'How many hours until ketamine relieves depression?',
  ],
  alcohol: [
    'Can I drink alcohol after ketamine?',
    'Is it okay to have a beer after my ketamine session?',
    'mixing ketamine and alcohol',
    'Should I avoid wine after a ketamine treatment?',
  ],
  children: [
    'Can teenagers get ketamine for depression?',
    'Is ketamine therapy approved for kids?',
    'ketamine treatment for adolescents',
    'Are children allowed to have ketamine infusions?',
  ],
  'find-clinic': [
    'Where can I find a ketamine clinic near me?',
    'How do I find a ketamine provider?',
    'ketamine clinics in my area',
    'Who offers ketamine therapy locally?',
  ],
};

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
