import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** One piece of user feedback on one bot turn, from any channel. */
export const FeedbackSchema = z.object({
  conversationId: z.string().min(1).max(256),
  /** The `meta.turnId` of the reply being rated. */
  turnId: z.string().min(1).max(128),
  /** The kind of the rated reply (answer, refusal, ...). */
  kind: z.string().min(1).max(32),
  rating: z.enum(['up', 'down']),
  /** Optional free-text comment (Teams feedback form, Web Chat). */
  comment: z.string().max(2000).optional(),
  channel: z.string().min(1).max(32),
  /** ISO time, set by the store when missing. */
  at: z.string().optional(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** Where feedback goes. Channels depend on this interface, never on the file format. */
export interface FeedbackStore {
  add(feedback: Feedback): Promise<void>;
  list(): Promise<Feedback[]>;
}

/** Appends one JSON object per line; safe for concurrent appends of small lines. */
export class JsonlFeedbackStore implements FeedbackStore {
  constructor(private readonly file: string) {}

  async add(feedback: Feedback): Promise<void> {
    const record = FeedbackSchema.parse({ ...feedback, at: feedback.at ?? new Date().toISOString() });
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(record)}\n`, 'utf8');
  }

  async list(): Promise<Feedback[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        const parsed = FeedbackSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      });
  }
}

/** Keeps feedback in memory (tests). */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly items: Feedback[] = [];
  async add(feedback: Feedback): Promise<void> {
    this.items.push(FeedbackSchema.parse({ ...feedback, at: feedback.at ?? new Date().toISOString() }));
  }
  async list(): Promise<Feedback[]> {
    return [...this.items];
  }
}
