import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.js';
import {
  crisisCard,
  renderReply,
  shorten,
  sourcesCard,
  sourcesMarkdown,
  teamsCitation,
} from '../../../src/channels/botframework/render.js';
import { TEXTS } from '../../../src/safety/texts.js';
import { renderWelcome, WELCOME_TEXT } from '../../../src/channels/botframework/welcome.js';
import { sampleAnswer } from '../../helpers/fake-bot.js';

const reply = (overrides: Partial<Reply> = {}): Reply => ({
  ...sampleAnswer(),
  conversationId: 'c',
  meta: { turnId: 'turn-1' },
  ...overrides,
});
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
    expect(entity).toMatchObject({
      type: 'https://schema.org/Message',
      '@type': 'Message',
      '@context': 'https://schema.org',
      '@id': '',
      additionalType: ['AIGeneratedContent'],
    });
    expect(entity.citation[1]).toEqual({
      '@type': 'Claim',
      position: 2,
      appearance: {
        '@type': 'DigitalDocument',
        name: 'Doc B',
        abstract: 'Some people need up to 12 infusions.',
        keywords: ['doc-b'],
      },
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

  it('renders crisis replies as the crisis card only: no AI label, feedback loop, entity or suggestions', () => {
    const crisis = json(
      renderReply(reply({ kind: 'crisis', text: TEXTS.crisis, citations: [], suggestions: ['x'] }), 'msteams'),
    );
    expect(crisis.attachments).toEqual([json(crisisCard(TEXTS.crisis))]);
    expect(crisis.entities).toBeUndefined();
    expect(crisis.channelData).toBeUndefined();
    expect(crisis.suggestedActions).toBeUndefined();
  });

  it('Teams: the emergency-first crisis card opens with calling 911 and its first button is tel:911', () => {
    const card = json(renderReply(reply({ kind: 'crisis', text: TEXTS.emergency, citations: [] }), 'msteams'))
      .attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body[0].items[0].text).toMatch(/^\*\*Call 911 \(or your local emergency number\) now/);
    expect(card.content.actions.map((a: { url: string }) => a.url)).toEqual([
      'tel:911',
      'tel:988',
      'sms:988',
      'https://findahelpline.com',
    ]);
  });

  it('does not label fixed refusal wording as AI-generated', () => {
    const refusal = json(
      renderReply(
        reply({ kind: 'refusal', category: 'dosing', citations: [], text: 'I cannot help with dosing.' }),
        'msteams',
      ),
    );
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
    expect(markdown).toBe(
      '**Sources**\n\n[1] **Doc A** — “Treatment is usually a series of infusions over several weeks.”\n\n[2] **Doc B** — “Some people need up to 12 infusions.”',
    );
    expect((sourcesCard(sampleAnswer().citations).content as { fallbackText: string }).fallbackText).toBe(markdown);
  });

  it('sends no sources block when nothing is cited', () => {
    expect(
      json(renderReply(reply({ kind: 'no_answer', citations: [], text: 'The articles do not cover that.' }), 'webchat'))
        .attachments,
    ).toBeUndefined();
  });

  it('Web Chat: a crisis reply is a distinct Adaptive Card (not a bubble) with tap-to-call and text buttons', () => {
    const out = json(renderReply(reply({ kind: 'crisis', text: TEXTS.emergency, citations: [] }), 'webchat'));
    expect(out.text).toBeUndefined();
    expect(out.entities).toBeUndefined();
    const card = out.attachments[0].content;
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(card.body[0].items[0]).toMatchObject({ weight: 'Bolder', text: expect.stringMatching(/^\*\*Call 911/) });
    expect(card.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Call 911 (emergency)', url: 'tel:911' });
    expect(card.actions.map((a: { url: string }) => a.url.split(':')[0])).toEqual(['tel', 'tel', 'sms', 'https']);
    expect(card.fallbackText).toBe(TEXTS.emergency);
    // Suicidal feelings: 988 first.
    const suicidal = json(renderReply(reply({ kind: 'crisis', text: TEXTS.crisis, citations: [] }), 'directline'));
    expect(suicidal.attachments[0].content.actions[0].url).toBe('tel:988');
  });

  it('turns suggestions into imBack suggested actions (at most four)', () => {
    const suggestions = ['a?', 'b?', 'c?', 'd?', 'e?'];
    const out = json(renderReply(reply({ suggestions }), 'webchat'));
    expect(out.suggestedActions.actions).toEqual(
      suggestions.slice(0, 4).map((q) => ({ type: 'imBack', title: q, value: q })),
    );
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
    expect(out.suggestedActions.actions).toEqual(
      ['q1?', 'q2?', 'q3?'].map((q) => ({ type: 'imBack', title: q, value: q })),
    );
  });
});

describe('shorten', () => {
  it('keeps short text, cuts long text at a word with an ellipsis', () => {
    expect(shorten('short  text', 20)).toBe('short text');
    expect(shorten('one two three four five', 12)).toBe('one two…');
  });
});
