import { describe, expect, it } from 'vitest';
import { renderReply, SLACK_LIMITS, type SlackBlock } from '../../../src/channels/slack/blocks.js';
import type { Citation, Reply } from '../../../src/core/reply.js';
import { sampleAnswer } from '../../helpers/fake-bot.js';
import { TEXTS } from '../../../src/safety/texts.js';

const reply = (fields: Partial<Reply> = {}): Reply => ({
  ...sampleAnswer(),
  conversationId: 'slack:T1:C1:1.1',
  meta: { turnId: 'turn-1' },
  ...fields,
});
const actionIds = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.action_id) : []));

describe('renderReply', () => {
  it('renders a refusal flagged and first, with its suggestions and thumbs but no sources', () => {
    const [message] = renderReply(
      reply({
        kind: 'refusal',
        category: 'dosing',
        text: "I can't help with **doses**.",
        citations: [],
        suggestions: ['What are the risks?'],
      }),
    );
    expect(message!.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ":warning: I can't help with *doses*." },
    });
    expect(message!.blocks.some((b) => b.block_id?.startsWith('ketamine_sources'))).toBe(false);
    expect(actionIds(message!.blocks)).toEqual([
      'ketamine_suggest_0',
      'ketamine_feedback_up',
      'ketamine_feedback_down',
    ]);
  });

  it('renders a crisis message as a distinct block: header, text, tap-to-call links; no echo, sources, suggestions or buttons', () => {
    const messages = renderReply(
      reply({ kind: 'crisis', text: 'If you are in danger, call **988** now.', suggestions: ['x'] }),
      { asked: { question: 'q', by: 'U1' }, postToChannel: { question: 'q' } },
    );
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.text).toBe('If you are in danger, call *988* now.');
    expect(message!.blocks[0]).toMatchObject({ type: 'header', block_id: 'ketamine_crisis' });
    expect(message!.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'If you are in danger, call *988* now.' },
    });
    expect(actionIds(message!.blocks)).toEqual([]);
    expect(
      message!.blocks.some((b) => b.block_id?.startsWith('ketamine_sources') || b.block_id === 'ketamine_asked'),
    ).toBe(false);
  });

  it('puts 911 first in the emergency-first crisis block, with tel: and sms: links and https for helplines', () => {
    const [message] = renderReply(reply({ kind: 'crisis', text: TEXTS.emergency }));
    expect(message!.blocks[0]).toMatchObject({ type: 'header', text: { text: ':rotating_light: Call 911 now' } });
    expect(message!.blocks[1]).toMatchObject({
      type: 'section',
      text: { text: expect.stringMatching(/^\*Call 911 \(or your local emergency number\) now\./) },
    });
    const links = message!.blocks.find((b) => b.block_id === 'ketamine_crisis_links');
    const text = links?.type === 'section' ? links.text.text : '';
    expect(text.indexOf('<tel:911|')).toBe(0);
    expect(text).toContain('<tel:988|');
    expect(text).toContain('<sms:988|');
    expect(text).toContain('<https://findahelpline.com|');
    const [suicidal] = renderReply(reply({ kind: 'crisis', text: TEXTS.crisis }));
    const suicidalLinks = suicidal!.blocks.find((b) => b.block_id === 'ketamine_crisis_links');
    expect(suicidalLinks?.type === 'section' && suicidalLinks.text.text.indexOf('<tel:988|')).toBe(0);
  });

  it('carries turn, kind and conversation in the thumbs values (for the feedback store)', () => {
    const [message] = renderReply(reply());
    const feedback = message!.blocks.find((b) => b.block_id === 'ketamine_feedback');
    expect(feedback?.type === 'actions' && JSON.parse(feedback.elements[0]!.value)).toEqual({
      t: 'turn-1',
      k: 'answer',
      c: 'slack:T1:C1:1.1',
    });
  });

  it('stays within Slack limits for very long texts, many sources and long suggestions', () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Sentence number ${i} about ketamine and its uses in clinics. [1]`,
    ).join(' ');
    const citations: Citation[] = Array.from({ length: 12 }, (_, i) => ({
      n: i + 1,
      docId: 'd',
      title: `Doc ${i}`,
      chunkId: `d#${i}`,
      quote: 'q'.repeat(5000),
    }));
    const messages = renderReply(
      reply({ text: long, citations, suggestions: ['s'.repeat(300), 'b', 'c', 'd', 'e', 'f', 'g'] }),
    );
    const blocks = messages.flatMap((m) => m.blocks);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    }
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(5);
    for (const b of sections)
      expect(b.type === 'section' && b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const contexts = blocks.filter((b) => b.block_id?.startsWith('ketamine_sources'));
    expect(contexts).toHaveLength(2); // 13 elements (label + 12 sources), 10 per block
    for (const b of contexts) {
      if (b.type !== 'context') throw new Error('expected context');
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.filter((b) => b.action_id.startsWith('ketamine_suggest'))).toHaveLength(5);
    for (const b of buttons) {
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      expect(b.value.length).toBeLessThanOrEqual(2000);
    }
  });

  it('splits past 50 blocks into several messages with the buttons on the last', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${'Paragraph '.repeat(280)}${i}.`).join('\n\n');
    const messages = renderReply(reply({ text }));
    expect(messages.length).toBe(2);
    expect(messages[1]!.text).toBe('(continued)');
    expect(actionIds(messages[0]!.blocks)).toEqual([]);
    expect(actionIds(messages[1]!.blocks)).toContain('ketamine_feedback_up');
  });
});
