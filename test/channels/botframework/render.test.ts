import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.js';
import { renderReply, shorten, sourcesCard, sourcesMarkdown, teamsCitation } from '../../../src/channels/botframework/render.js';
import { renderWelcome, WELCOME_TEXT } from '../../../src/channels/botframework/welcome.js';
import { sampleAnswer } from '../../helpers/fake-bot.js';

const reply = (overrides: Partial<Reply> = {}): Reply => ({ ...sampleAnswer(), conversationId: 'c', meta: { turnId: 'turn-1' }, ...overrides });
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('renderReply for Teams', () => {
  const out = json(renderReply(reply(), 'msteams'));

  it('keeps the [n] markers and sends Markdown', () => {
    expect(out.text).toContain('[1]');
    expect(out.textFormat).toBe('markdown');
  });

  it('adds one AI entity with a Claim per citation (title, abstract = quote, position n)', () => {
    expect(out.entities).toHaveLength(1);
    const [entity] = out.entities;
    expect(entity).toMatchObject({ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', '@id': '', additionalType: ['AIGeneratedContent'] });
    expect(entity.citation[1]).toEqual({
      '@type': 'Claim',
      position: 2,
      appearance: { '@type': 'DigitalDocument', name: 'Doc B', abstract: 'Some people need up to 12 infusions.', keywords: ['doc-b'] },
    });
  });

  it('enables the feedback loop and sends no cards', () => {
    expect(out.channelData).toEqual({ feedbackLoopEnabled: true });
    expect(out.attachments).toBeUndefined();
  });

  it('shortens long titles and quotes to the Teams limits', () => {
    const long = teamsCitation({ n: 1, docId: 'd', chunkId: 'd#1', title: 'T '.repeat(60), quote: 'word '.repeat(60) });
    expect(long.appearance.name.length).toBeLessThanOrEqual(80);
    expect(long.appearance.abstract.length).toBeLessThanOrEqual(160);
    expect(long.appearance.abstract.endsWith('…')).toBe(true);
  });

  it('renders crisis replies without the AI label, feedback loop or any entity', () => {
    const crisis = json(renderReply(reply({ kind: 'crisis', text: 'Call or text 988.', citations: [], suggestions: undefined }), 'msteams'));
    expect(crisis.text).toBe('Call or text 988.');
    expect(crisis.entities).toBeUndefined();
    expect(crisis.channelData).toBeUndefined();
  });

  it('does not label fixed refusal wording as AI-generated', () => {
    const refusal = json(renderReply(reply({ kind: 'refusal', category: 'dosing', citations: [], text: 'I cannot help with dosing.' }), 'msteams'));
    expect(refusal.entities).toBeUndefined();
  });
});

describe('renderReply elsewhere (Web Chat, Direct Line, Emulator)', () => {
  it('adds a sources card listing [n], title and quote, and thumbs actions carrying the turn id and kind', () => {
    const out = json(renderReply(reply(), 'webchat'));
    expect(out.attachments).toEqual([sourcesCard(sampleAnswer().citations)].map(json));
    const thumbs = out.entities[0];
    expect(thumbs['@id']).toBe('');
    expect(thumbs.potentialAction).toEqual([
      { '@type': 'LikeAction', '@id': 'turn-1', description: 'answer', actionStatus: 'PotentialActionStatus' },
      { '@type': 'DislikeAction', '@id': 'turn-1', description: 'answer', actionStatus: 'PotentialActionStatus' },
    ]);
    expect(out.channelData).toBeUndefined();
  });

  it('has a Markdown fallback for clients without Adaptive Cards', () => {
    const markdown = sourcesMarkdown(sampleAnswer().citations);
    expect(markdown).toBe('**Sources**\n\n[1] **Doc A** — “Treatment is usually a series of infusions over several weeks.”\n\n[2] **Doc B** — “Some people need up to 12 infusions.”');
    expect((sourcesCard(sampleAnswer().citations).content as { fallbackText: string }).fallbackText).toBe(markdown);
  });

  it('sends no sources block when nothing is cited, and never a card for crisis', () => {
    expect(json(renderReply(reply({ kind: 'no_answer', citations: [], text: 'The articles do not cover that.' }), 'webchat')).attachments).toBeUndefined();
    const crisis = json(renderReply(reply({ kind: 'crisis', text: 'Call or text 988.', citations: [] }), 'directline'));
    expect(crisis.attachments).toBeUndefined();
    expect(crisis.entities).toBeUndefined();
  });

  it('turns suggestions into imBack suggested actions (at most four)', () => {
    const suggestions = ['a?', 'b?', 'c?', 'd?', 'e?'];
    const out = json(renderReply(reply({ suggestions }), 'webchat'));
    expect(out.suggestedActions.actions).toEqual(suggestions.slice(0, 4).map((q) => ({ type: 'imBack', title: q, value: q })));
    expect(json(renderReply(reply({ suggestions: [] }), 'webchat')).suggestedActions).toBeUndefined();
  });
});

describe('renderWelcome', () => {
  it('says what the bot does and refuses, gives 988, and offers three example questions as imBack buttons', () => {
    const out = json(renderWelcome(['q1?', 'q2?', 'q3?', 'q4?']));
    expect(out.text).toBe(WELCOME_TEXT);
    expect(WELCOME_TEXT).toMatch(/only five published articles/);
    expect(WELCOME_TEXT).toMatch(/dosing/);
    expect(WELCOME_TEXT).toMatch(/personal medical advice/);
    expect(WELCOME_TEXT).toMatch(/988/);
    expect(out.suggestedActions.actions).toEqual(['q1?', 'q2?', 'q3?'].map((q) => ({ type: 'imBack', title: q, value: q })));
  });
});

describe('shorten', () => {
  it('keeps short text, cuts long text at a word with an ellipsis', () => {
    expect(shorten('short  text', 20)).toBe('short text');
    expect(shorten('one two three four five', 12)).toBe('one two…');
  });
});
