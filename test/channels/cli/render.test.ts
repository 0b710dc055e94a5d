import { describe, expect, it } from 'vitest';
import { renderForTerminal, wantsColor } from '../../../src/channels/cli/render.js';
import { wrapLine, wrapText } from '../../../src/channels/cli/wrap.js';
import { parseChatLine, helpText } from '../../../src/channels/cli/commands.js';
import type { ReplyBody } from '../../../src/core/reply.js';

const LONG =
  'Ketamine infusion therapy is usually given as a series of infusions over several weeks, and the infusions you receive will depend on your response to treatment.';

const reply: ReplyBody = {
  conversationId: 'c',
  kind: 'answer',
  text: `**Note.** ${LONG} [1]\n\n- a list item that is long enough to wrap onto a second line at forty columns\n\n_footer_`,
  citations: [{ n: 1, docId: 'd', title: 'Is Ketamine Good for Depression?', chunkId: 'd#8', quote: LONG }],
  suggestions: ['What are the most common side effects of ketamine therapy?'],
};

/** Every word of the source text appears whole in the output (none was broken across lines). */
function wordsIntact(source: string, out: string): void {
  const outWords = new Set(out.split(/\s+/));
  for (const w of source.split(/\s+/).filter(Boolean)) expect(outWords, `word ${w}`).toContain(w);
}

describe('renderForTerminal', () => {
  it('wraps to the width at word boundaries, with hanging indents for list items, sources and suggestions', () => {
    const out = renderForTerminal(reply, { width: 40 });
    const lines = out.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(40);
    wordsIntact(LONG, out);
    // A wrapped list item continues under its text, not under the dash.
    const item = lines.findIndex((l) => l.startsWith('- a list item'));
    expect(lines[item + 1]).toMatch(/^ {2}\S/);
    // The citation's title line and its quote sit under "[1] ".
    const source = lines.findIndex((l) => l.startsWith('  [1] '));
    expect(lines[source + 1]).toMatch(/^ {6}\S/);
    expect(lines.slice(source + 1, source + 4).every((l) => l.startsWith('      '))).toBe(true);
    const suggestion = lines.findIndex((l) => l.startsWith('  - What are'));
    expect(lines[suggestion + 1]).toMatch(/^ {4}\S/);
    expect(out).not.toMatch(/\*\*|_footer_/);
  });

  it('gives suggestions once: under the text when it ends with its own lead-in, else under "You could also ask:"', () => {
    const withLeadIn = renderForTerminal({
      ...reply,
      kind: 'out_of_scope',
      text: 'That question is outside what I cover. You could ask me, for example:',
      citations: [],
    });
    expect(withLeadIn).not.toContain('You could also ask');
    expect(withLeadIn).toMatch(/for example:\n\n {2}- What are/);
    expect(renderForTerminal(reply)).toContain('You could also ask:\n  - What are');
  });

  it('keeps plain text and blank lines as they were when nothing needs wrapping', () => {
    const out = renderForTerminal({
      conversationId: 'c',
      kind: 'answer',
      text: '**Note.** It helps. [1]\n\n_footer_',
      citations: [{ n: 1, docId: 'd', title: 'Doc', chunkId: 'd#0', quote: 'It helps.' }],
      suggestions: ['Is it safe?'],
    });
    expect(out).toBe(
      'Note. It helps. [1]\n\nfooter\n\nSources:\n  [1] Doc (d#0)\n      "It helps."\n\nYou could also ask:\n  - Is it safe?',
    );
  });

  it('colours only when asked, and only then emits escape codes', () => {
    expect(renderForTerminal(reply)).not.toContain('\u001b[');
    expect(renderForTerminal(reply, { color: true })).toContain('\u001b[');
  });
});

describe('wantsColor', () => {
  it('is on for a TTY only, and off whenever NO_COLOR is set (https://no-color.org)', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

describe('wrapLine', () => {
  it('breaks a word only when it alone is longer than the line', () => {
    const url = `https://example.org/${'x'.repeat(30)}`;
    const lines = wrapLine(`see ${url} now`, { width: 20 });
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(20);
    expect(lines.join('')).toContain('now');
    expect(lines.join('').replace(/\s/g, '')).toBe(`see${url}now`);
  });

  it('keeps a citation marker with the word before it', () => {
    expect(wrapLine('aaaa bbbb cccc. [1]', { width: 14 })).toEqual(['aaaa bbbb', 'cccc. [1]']);
  });

  it('wrapText keeps a numbered item under its text', () => {
    expect(wrapText('1. one two three four', 10)).toEqual(['1. one two', '   three', '   four']);
  });
});

describe('chat commands', () => {
  it('/help, /new, /sources and /quit are commands; anything else goes to the bot', () => {
    expect(parseChatLine(' /help ')).toEqual({ type: 'help' });
    expect(parseChatLine('/exit')).toEqual({ type: 'quit' });
    expect(parseChatLine('/sources')).toEqual({ type: 'sources' });
    expect(parseChatLine('/frobnicate')).toEqual({ type: 'unknown', command: '/frobnicate' });
    expect(parseChatLine('help')).toEqual({ type: 'message', text: 'help' });
    for (const c of ['/help', '/new', '/sources', '/quit']) expect(helpText()).toContain(c);
  });
});
