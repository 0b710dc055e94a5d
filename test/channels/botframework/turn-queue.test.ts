import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../../src/channels/botframework/turn-queue.js';

/** A promise the test settles by hand. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('TurnQueue', () => {
  it('runs the turns of one key one at a time, in order, and other keys alongside', async () => {
    const queue = new TurnQueue({ maxPerKey: 10 });
    const log: string[] = [];
    const first = gate();
    const a1 = queue.run('a', async () => {
      log.push('a1 start');
      await first.promise;
      log.push('a1 end');
    });
    const a2 = queue.run('a', async () => void log.push('a2'));
    const b1 = queue.run('b', async () => void log.push('b1'));
    await b1;
    expect(log).toEqual(['a1 start', 'b1']);
    first.open();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    expect(queue.size).toBe(0);
  });

  it('a failed turn does not block the next one, and its error reaches its caller', async () => {
    const queue = new TurnQueue({ maxPerKey: 10 });
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toEqual({ value: 'ok' });
    expect(queue.size).toBe(0);
  });

  it('refuses turns beyond maxPerKey for one key without running them', async () => {
    const queue = new TurnQueue({ maxPerKey: 2 });
    const hold = gate();
    let ran = 0;
    const turn = async () => {
      ran += 1;
      await hold.promise;
    };
    const accepted = [queue.run('a', turn), queue.run('a', turn)];
    await expect(queue.run('a', turn)).resolves.toBeUndefined();
    expect(await queue.run('b', async () => 'other key')).toEqual({ value: 'other key' });
    hold.open();
    await Promise.all(accepted);
    expect(ran).toBe(2);
  });
});
