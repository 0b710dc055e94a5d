import { describe, expect, it } from 'vitest';
import type { ComposedAnswer } from '../../src/answer/answerer.js';
import { answerFollowUp } from '../../src/chat/follow-up-answer.js';
import type { ResolvedQuery } from '../../src/chat/follow-up.js';

const reply = (kind: ComposedAnswer['kind'], confidence: number, text: string = kind): ComposedAnswer => ({
  kind,
  text,
  citations: [],
  suggestions: [],
  confidence,
  guardRemoved: 0,
});

/** An answerer double: a fixed answer per question, recording what it was asked. */
function fakeAnswerer(answers: Record<string, ComposedAnswer>) {
  const asked: { question: string; previous?: unknown }[] = [];
  return {
    asked,
    async answer(question: string, call: { previous?: unknown } = {}) {
      asked.push({ question, previous: call.previous });
      const found = answers[question];
      if (!found) throw new Error(`unexpected question ${question}`);
      return found;
    },
  };
}

const followUp = (query: string): ResolvedQuery => ({
  query,
  topic: [],
  followUp: true,
  previous: { unitIds: ['doc#1'] },
});

describe('answerFollowUp', () => {
  it('answers a message that does not borrow once, as resolved', async () => {
    const answerer = fakeAnswerer({ 'what is ketamine?': reply('answer', 0.9) });
    const out = await answerFollowUp(answerer, 'what is ketamine?', {
      query: 'what is ketamine?',
      topic: [],
      followUp: false,
    });
    expect(out.query).toBe('what is ketamine?');
    expect(answerer.asked).toHaveLength(1);
  });

  it('keeps the borrowed reading when the answerability model is surer of it', async () => {
    const answerer = fakeAnswerer({
      'and over what time period? infusions': reply('answer', 0.8, 'resolved'),
      'and over what time period?': reply('answer', 0.3, 'alone'),
    });
    const out = await answerFollowUp(
      answerer,
      'and over what time period?',
      followUp('and over what time period? infusions'),
    );
    expect(out).toMatchObject({ query: 'and over what time period? infusions', answer: { text: 'resolved' } });
    // Both readings keep the previous turn's units for the ranker.
    expect(answerer.asked.map((a) => a.previous)).toEqual([{ unitIds: ['doc#1'] }, { unitIds: ['doc#1'] }]);
  });

  it('takes the message as typed when it is the surer reading', async () => {
    const answerer = fakeAnswerer({
      'does it cause nausea? mechanism': reply('answer', 0.4, 'resolved'),
      'does it cause nausea?': reply('answer', 0.7, 'alone'),
    });
    const out = await answerFollowUp(answerer, 'does it cause nausea?', followUp('does it cause nausea? mechanism'));
    expect(out).toMatchObject({ query: 'does it cause nausea?', answer: { text: 'alone' } });
  });

  it('a message with no topic word of its own is only read as resolved', async () => {
    const answerer = fakeAnswerer({ 'lasting how long? dissociation': reply('answer', 0.2, 'resolved') });
    const out = await answerFollowUp(answerer, 'lasting how long?', followUp('lasting how long? dissociation'));
    expect(out.answer.text).toBe('resolved');
    expect(answerer.asked).toHaveLength(1);
  });

  it('an answer beats a no_answer, and a no_answer alone never replaces an answer', async () => {
    const noAnswerResolved = fakeAnswerer({
      'nausea? x': reply('no_answer', 0.1),
      'nausea?': reply('answer', 0.05, 'alone'),
    });
    expect((await answerFollowUp(noAnswerResolved, 'nausea?', followUp('nausea? x'))).answer.text).toBe('alone');
    const noAnswerAlone = fakeAnswerer({
      'nausea? x': reply('answer', 0.2, 'resolved'),
      'nausea?': reply('no_answer', 0.9),
    });
    expect((await answerFollowUp(noAnswerAlone, 'nausea?', followUp('nausea? x'))).answer.text).toBe('resolved');
  });
});
