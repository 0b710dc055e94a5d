import { ask } from './http.js';

/** Background turns while something else happens; bounded in count and time, never rejects. */
export interface Load {
  /** Turns answered 200 so far. */
  ok(): number;
  /** Turns that failed (any status or connection error) so far. */
  failed(): number;
  /** Stops issuing new turns and waits for the ones in flight. */
  stop(): Promise<void>;
}

/** Runs `concurrency` loops asking `questions` round-robin, at most `maxTurns` in all and for at most `maxMs`. */
export function startLoad(
  url: string,
  questions: string[],
  options: { concurrency: number; maxTurns: number; maxMs: number },
): Load {
  let ok = 0;
  let failed = 0;
  let issued = 0;
  let stopped = false;
  const deadline = Date.now() + options.maxMs;
  const loop = async () => {
    while (!stopped && issued < options.maxTurns && Date.now() < deadline) {
      const q = questions[issued++ % questions.length] as string;
      await ask(url, q).then(
        () => void ok++,
        () => void failed++,
      );
    }
  };
  const loops = Promise.all(Array.from({ length: options.concurrency }, loop));
  return {
    ok: () => ok,
    failed: () => failed,
    stop: async () => {
      stopped = true;
      await loops;
    },
  };
}
