/**
 * Generated tuning data for {@link CLUSTER_THRESHOLD}: visitor-style questions, several wordings per topic, written
 * for this purpose (not taken from the logs or the eval sets). Topics sit close together on purpose (several about
 * side effects, several about cost and access), so a threshold that separates them separates real clusters.
 */
export const PARAPHRASE_TOPICS: Record<string, string[]> = {
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
