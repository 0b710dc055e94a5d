import { z } from 'zod';

/** evals/retrieval/questions.yaml: answerable questions with verbatim evidence, and questions the articles do not answer. */
export const RetrievalSetSchema = z.object({
  answerable: z.array(z.object({ q: z.string().min(1), evidence: z.array(z.string().min(1)).min(1) })).min(1),
  unanswerable: z.array(z.string().min(1)),
});
