import { describe, expect, it } from 'vitest';
import { runReviewCli } from '../../src/review/run-cli.js';
import { entry, reviewHarness } from './fixtures.js';

function buffer() {
  let text = '';
  return {
    write: (s: string) => (text += s),
    get text() {
      return text;
    },
  };
}

async function seeded() {
  const h = await reviewHarness();
  const a = entry({ question: 'Does insurance cover ketamine?', channel: 'slack' });
  await h.questionLog.append(a);
  await h.questionLog.append(entry({ question: 'does insurance cover ketamine' }));
  await h.questionLog.append(entry({ kind: 'crisis', question: null, answer: null }));
  await h.feedback.vote({
    conversationId: 'c',
    turnId: a.turnId,
    voterId: 'v',
    kind: 'no_answer',
    rating: 'down',
    comment: 'Please add this',
    channel: 'slack',
  });
  return h;
}

describe('npm run review (runReviewCli)', () => {
  it('--json prints unanswered, thumbsDown, counts, clusters, topQuestions and decisions', async () => {
    const h = await seeded();
    const out = buffer();
    expect(await runReviewCli(h.service, ['--json', '--days', '7'], out)).toBe(0);
    const json = JSON.parse(out.text);
    expect(json.unanswered).toEqual([
      {
        question: expect.stringMatching(/insurance cover ketamine/i),
        count: 2,
        lastAt: expect.any(String),
        reason: 'no_answer',
      },
    ]);
    expect(json.thumbsDown).toEqual([
      expect.objectContaining({
        question: 'Does insurance cover ketamine?',
        answer: expect.any(String),
        comment: 'Please add this',
        at: expect.any(String),
      }),
    ]);
    expect(json.counts).toMatchObject({
      byKind: { no_answer: 2, crisis: 1 },
      byChannel: { slack: 1, webchat: 2 },
      byDay: expect.any(Object),
    });
    expect(json.clusters).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/^c-/), count: 2, candidates: expect.any(Array) }),
    ]);
    expect(json.topQuestions).toEqual([expect.objectContaining({ count: 2 })]);
    expect(json.decisions).toEqual([]);
    expect(json.days).toBe(7);
  });

  it('prints tables, and records --accept / --dismiss decisions', async () => {
    const h = await seeded();
    const tables = buffer();
    await runReviewCli(h.service, [], tables);
    expect(tables.text).toMatch(/UNANSWERED AND LOW-CONFIDENCE/);
    expect(tables.text).toMatch(/Please add this/);
    expect(tables.text).toMatch(/EVAL: no report yet/);
    const key = (await h.service.summary()).clusters[0]?.key as string;
    const unit = h.units[2]?.id as string;
    const out = buffer();
    expect(
      await runReviewCli(
        h.service,
        ['--accept', key, '--unit', unit, '--question', 'Is ketamine covered by insurance?'],
        out,
      ),
    ).toBe(0);
    expect(out.text).toContain(`Recorded: accept ${key} → ${unit}`);
    expect(h.reviews.items).toEqual([
      expect.objectContaining({
        action: 'accept',
        unitId: unit,
        question: 'Is ketamine covered by insurance?',
        by: 'cli',
      }),
    ]);
  });

  it('bad arguments print one error line and exit 2; an unknown cluster exits 1', async () => {
    const h = await seeded();
    for (const argv of [
      ['--days', 'many'],
      ['--bogus'],
      ['--accept', 'c-x'],
      ['--dismiss', 'a', '--not-covered', 'b'],
      ['--unit', 'x'],
    ]) {
      const err = buffer();
      expect(await runReviewCli(h.service, argv, buffer(), err), argv.join(' ')).toBe(2);
      expect(err.text).toMatch(/^Error: /);
    }
    const err = buffer();
    expect(await runReviewCli(h.service, ['--dismiss', 'c-unknown'], buffer(), err)).toBe(1);
    expect(err.text).toMatch(/No cluster c-unknown/);
    expect(h.reviews.items).toEqual([]);
  });
});
