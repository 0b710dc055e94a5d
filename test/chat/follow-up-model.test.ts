import { describe, expect, it } from 'vitest';
import type { Conversation, TurnRecord } from '../../src/core/conversation.js';
import { ellipsisFeatures, ELLIPSIS_FEATURES } from '../../src/chat/follow-up-features.js';
import { FollowUpModel, FollowUpWeightsSchema } from '../../src/chat/follow-up-model.js';
import { isElliptical, leansOnEarlierTurn, resolveFollowUp, salientTerms } from '../../src/chat/follow-up.js';
import { stem } from '../../src/text/stem.js';
import weightsJson from '../../src/chat/follow-up-weights.json' with { type: 'json' };

const turn = (message: string, topic: string[], chunkIds: string[] = []): TurnRecord => ({
  message,
  resolvedQuery: message,
  kind: 'answer',
  topic,
  chunkIds,
  at: 0,
});
const after = (message: string, topic: string[]): Conversation => ({ id: 'c', turns: [turn(message, topic, ['d#1'])] });

/** A corpus vocabulary double: the stems of these words, nothing else. */
const vocabulary = (...known: string[]) => {
  const stems = new Set(known.map(stem));
  return { has: (t: string) => stems.has(t) };
};

describe('the learned follow-up decision', () => {
  const infusions = after('My clinic talked about a course of drips, how many are in one usually?', [stem('course')]);

  // Each of these named a word the old regex/length rule took for a new topic ("spread", "exactly", "come", "worry")
  // or was longer than its six-word continuation limit, so the previous topic was dropped.
  it.each([
    'and spread over what stretch of time?',
    'which ones exactly?',
    'how come?',
    'should I worry about those being dangerous?',
  ])('"%s" borrows the previous topic and units', (message) => {
    const r = resolveFollowUp(message, infusions);
    expect(r.followUp).toBe(true);
    expect(r.previous).toEqual({ unitIds: ['d#1'] });
    expect(r.query.startsWith(`${message} `)).toBe(true);
  });

  it.each([
    'Will my insurance plan cover ketamine therapy?',
    'What clothes should I wear to my infusion appointment?',
    'Does ketamine work better when combined with talk therapy and lifestyle changes?',
  ])('a new standalone question "%s" does not borrow', (message) => {
    const r = resolveFollowUp(message, infusions);
    expect(r.followUp).toBe(false);
    expect(r.query).toBe(message);
  });

  it('splits the own topic terms by whether the corpus knows them (typos, off-corpus words)', () => {
    const message = 'and ovr how many weks?';
    const own = salientTerms(message);
    const [known, unknown] = ellipsisFeatures(message, own, vocabulary('week'));
    expect([known, unknown]).toEqual([0, own.length]);
    expect(ellipsisFeatures(message, own, vocabulary('ovr', 'weks')).slice(0, 2)).toEqual([own.length, 0]);
    expect(leansOnEarlierTurn(message, own, vocabulary('week'))).toBe(true);
  });

  it('with no history, only a message that cannot stand alone is questioned back (the stricter bar)', () => {
    for (const message of ['and is that permanent?', 'is that normal?'])
      expect(isElliptical(message), message).toBe(true);
    // A short question naming its subject is answered: at the follow-up bar it would lean on a turn that is not there.
    expect(leansOnEarlierTurn('What is dissociation?')).toBe(true);
    expect(isElliptical('What is dissociation?')).toBe(false);
  });

  it('the committed weights are valid, fitted on these features, with a cross-validated threshold', () => {
    const w = FollowUpWeightsSchema.parse(weightsJson);
    expect(w.features).toEqual([...ELLIPSIS_FEATURES]);
    expect(w.threshold).toBeGreaterThan(0);
    expect(w.threshold).toBeLessThan(1);
    expect(w.fittedOn.followUps).toBeGreaterThanOrEqual(80);
  });

  it('weights fitted on another feature list are refused as stale', () => {
    const w = FollowUpWeightsSchema.parse(weightsJson);
    expect(() => new FollowUpModel({ ...w, features: [...w.features].reverse() })).toThrow(/stale/);
  });
});
