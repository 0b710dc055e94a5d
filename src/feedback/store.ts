import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FeedbackSchema, type Feedback, type FeedbackStore } from '../core/feedback.js';

/** Appends one JSON object per line; the last line per (turnId, voterId) is the current vote. Superseded by src/storage. */
export class JsonlFeedbackStore implements FeedbackStore {
  constructor(private readonly file: string) {}

  async vote(feedback: Feedback): Promise<void> {
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
