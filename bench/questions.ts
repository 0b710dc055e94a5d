/**
 * Distinct benchmark questions: templates × topics taken from the five articles, so every question is new to the
 * bot's query cache (a cached question would flatter the latency figures).
 */

/** Things the articles talk about, in the words a visitor might use. */
export const TOPICS = [
  'side effects',
  'nausea',
  'dizziness',
  'dissociation',
  'hallucinations',
  'blood pressure',
  'infusions',
  'the nasal spray',
  'depression',
  'treatment-resistant depression',
  'anxiety',
  'PTSD',
  'chronic pain',
  'FDA approval',
  'addiction',
  'pregnancy',
  'driving home after a session',
  'long-term effects',
  'insurance coverage',
  'glutamate',
  'NMDA receptors',
  'recreational use',
  'how many sessions',
  'session length',
  'preparing for an appointment',
  'other medications',
  'finding a provider',
  'monitoring during treatment',
  'alternatives to ketamine',
  'how fast it works',
  'its use in surgery',
  'ketamine being a controlled substance',
] as const;

const TEMPLATES = [
  'What do the articles say about {t}?',
  'Can you tell me about {t} with ketamine?',
  'How does ketamine therapy relate to {t}?',
  'Is {t} a concern with ketamine treatment?',
  'What should I know about {t}?',
  'Explain {t} and ketamine, please.',
  '{t} and ketamine: anything I should know?',
  'Quick question about {t} in ketamine therapy',
  'I read something about {t}, what is the story?',
  'ketamine {t}?',
  'Anything on {t} for ketamine patients?',
  'What is known about {t} when using ketamine?',
  'Could you summarise {t} for ketamine?',
  'Does the ketamine info cover {t}?',
  'Tell me more about {t}.',
  'how about {t} and ketamine infusions',
] as const;

/** Every template × topic combination, in an interleaved order so any slice mixes topics and templates. */
export function benchQuestions(): string[] {
  const out: string[] = [];
  for (let i = 0; i < TOPICS.length * TEMPLATES.length; i++) {
    const topic = TOPICS[i % TOPICS.length] as string;
    const template = TEMPLATES[(i + Math.floor(i / TOPICS.length)) % TEMPLATES.length] as string;
    out.push(template.replace('{t}', topic));
  }
  return [...new Set(out)];
}

/** Splits the questions into `parts` disjoint sets of `size` (throws when there are not enough). */
export function disjointSets(questions: string[], parts: number, size: number): string[][] {
  if (questions.length < parts * size)
    throw new Error(`need ${parts * size} distinct questions, have ${questions.length}`);
  return Array.from({ length: parts }, (_, p) => questions.slice(p * size, (p + 1) * size));
}
