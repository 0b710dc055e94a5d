import { describe, expect, it } from 'vitest';
import { renderReply as renderSlack } from '../../../src/channels/slack/blocks.js';
import { renderReply, sourcesCard, teamsCitation } from '../../../src/channels/botframework/render.js';
import { FOOTER } from '../../../src/chat/handle-turn.js';
import type { Citation, Reply } from '../../../src/core/reply.js';

const long =
  'Ketamine has been used for decades as an anesthetic medication, and more recently it has been found to help treat certain types of depression and anxiety disorders in adults.';
const citations = (url: string): Citation[] => [
  { n: 1, docId: 'doc-a', title: 'Doc A', chunkId: 'doc-a#3', quote: long, url: `${url}/articles/doc-a#unit-3` },
];
const reply = (url = ''): Reply => ({
  kind: 'answer',
  text: `Ketamine has been used for decades as an anesthetic medication. [1]\n\n${FOOTER}`,
  citations: citations(url),
  conversationId: 'c',
  meta: { turnId: 't', footer: FOOTER },
});
const json = (value: unknown) => JSON.parse(JSON.stringify(value));
const cardTexts = (card: { content?: unknown }) =>
  (card.content as { body: { text: string }[] }).body.map((b) => b.text);

describe('citation links per channel', () => {
  it('Web Chat: [n] becomes a document-relative link, the footer is left to the page, the card links the title', () => {
    const out = json(renderReply(reply(), 'webchat'));
    expect(out.text).toBe(
      'Ketamine has been used for decades as an anesthetic medication. [[1]](articles/doc-a#unit-3 "Source 1: Doc A")',
    );
    expect(out.text).not.toContain('not medical advice');
    const texts = cardTexts(out.attachments[0]);
    expect(texts[1]).toBe('[1] [Doc A](articles/doc-a#unit-3)');
  });

  it('the Sources card shows an excerpt of at most 140 characters, cut at a word', () => {
    const excerpt = cardTexts(sourcesCard(citations(''), 'webchat'))[2] ?? '';
    const inner = excerpt.slice(1, -1);
    expect(inner.length).toBeLessThanOrEqual(140);
    expect(inner.endsWith('…')).toBe(true);
    expect(long).toContain(`${inner.slice(0, -1)} `);
  });

  it('other channels keep the footer; Direct Line gets no link for a bare path', () => {
    const out = json(renderReply(reply(), 'directline'));
    expect(out.text).toContain(FOOTER);
    expect(out.text).not.toContain('](');
    expect(cardTexts(out.attachments[0])[1]).toBe('[1] Doc A');
  });

  it('Teams: the citation carries the url only when it is absolute', () => {
    expect(teamsCitation(citations('https://faq.example.org')[0]!).appearance.url).toBe(
      'https://faq.example.org/articles/doc-a#unit-3',
    );
    expect(teamsCitation(citations('')[0]!).appearance.url).toBeUndefined();
    expect(json(renderReply(reply(), 'msteams')).text).toContain(FOOTER);
  });

  it('Slack: the source title links to the article when the url is absolute', () => {
    const withUrl = JSON.stringify(renderSlack(reply('https://faq.example.org')));
    expect(withUrl).toContain('<https://faq.example.org/articles/doc-a#unit-3|*Doc A*>');
    const without = JSON.stringify(renderSlack(reply()));
    expect(without).toContain('[1] *Doc A*');
    expect(without).not.toContain('<https');
  });
});
