import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/answer/query-terms.js';
import { answerTypeMatches, matchesAnswerType } from '../../src/answer/answer-types.js';
import { bigrams, defines, phraseOverlap } from '../../src/answer/shape-features.js';

describe('sentence features used to rank answer sentences', () => {
  it('defines: a "what are X" question prefers a sentence that says what X are', () => {
    const terms = queryTerms('What are the side effects of ketamine?', []);
    expect(defines(terms, 'The most common side effects of ketamine therapy are dizziness, nausea, and vomiting.')).toBe(true);
    expect(defines(terms, 'The main side effects include sedation and dissociation.')).toBe(true);
    expect(defines(terms, 'Although ketamine can provide rapid relief, it’s important to be aware of possible side effects.')).toBe(false);
    // Only "what / which" questions ask for a definition or a list.
    expect(defines(queryTerms('Do the side effects go away?', []), 'The main side effects include sedation and dissociation.')).toBe(false);
  });

  it('matchesAnswerType: "how long" wants a time span, "how many sessions" a count', () => {
    expect(matchesAnswerType('How long does a session last?', 'The infusion typically lasts around 40 minutes.')).toBe(true);
    expect(matchesAnswerType('How long does a session last?', 'Most of the time, these effects go away on their own.')).toBe(false);
    expect(matchesAnswerType('How many sessions will I need?', 'Some people may only need a few infusions.')).toBe(true);
    expect(matchesAnswerType('Is it safe?', 'The infusion typically lasts around 40 minutes.')).toBe(false);
  });

  it('answerTypeMatches: one session\'s length prefers minutes over the weeks of a whole course', () => {
    const q = 'How long does a ketamine session last?';
    expect(answerTypeMatches(q, 'Each infusion typically lasts around 40 minutes.')).toBeGreaterThan(
      answerTypeMatches(q, 'Infusions are given as a series over several weeks.'),
    );
    expect(answerTypeMatches('How long does ketamine therapy last?', 'Each infusion typically lasts around 40 minutes.')).toBe(1);
  });

  it('phraseOverlap keeps negation and word order that single terms lose', () => {
    const q = bigrams('Who should not take ketamine?');
    expect(q.has('should not')).toBe(true);
    expect(phraseOverlap(q, 'Ketamine should not be used by people who are pregnant.')).toBeGreaterThan(0);
    expect(phraseOverlap(q, 'Regular antidepressants can take weeks.')).toBe(0);
  });
});
