import { styleText } from 'node:util';
import type { ReplyBody } from '../../core/reply.js';
import { wrapLine, wrapText } from './wrap.js';

/** Options for {@link renderForTerminal}. */
export interface RenderOptions {
  /** Terminal columns; 80 (the classic terminal) unless given. */
  width?: number;
  /** Bold headings and dim quotes (only on a TTY without NO_COLOR: see {@link wantsColor}). */
  color?: boolean;
}

/** The classic terminal width, used when the output is not a terminal (a pipe, a file). */
export const DEFAULT_WIDTH = 80;
/** Below this, hanging indents leave too little room to read; narrower panes still get no line over their width. */
const MIN_WIDTH = 20;

/** Whether to colour output: only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

/** Columns of a stream: its width on a terminal, else {@link DEFAULT_WIDTH}. */
export function terminalWidth(stream: { columns?: number }): number {
  return stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_WIDTH;
}

/**
 * Plain-text rendering of a reply for the terminal: text, numbered sources, suggestions, wrapped to `width` at word
 * boundaries with hanging indents. A reply whose text already ends with a lead-in ("You could ask me, for
 * example:") gets its suggestions right under it, without a second lead-in.
 */
export function renderForTerminal(reply: ReplyBody, options: RenderOptions = {}): string {
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  // validateStream off: whether to colour is decided once, by wantsColor, for the stream the caller writes to.
  const paint = (style: Parameters<typeof styleText>[0], s: string) =>
    options.color && s !== '' ? styleText(style, s, { validateStream: false }) : s;
  const text = reply.text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1$2');
  const lines = wrapText(text, width);
  if (reply.citations.length > 0) {
    lines.push('', paint('bold', 'Sources:'));
    for (const c of reply.citations) {
      const head = `[${c.n}] `;
      lines.push(...wrapLine(`${head}${c.title} (${c.chunkId})`, { width, indent: 2, hanging: 2 + head.length }));
      const quote = wrapLine(`"${c.quote}"`, { width, indent: 2 + head.length });
      lines.push(...quote.map((l) => paint('dim', l)));
    }
  }
  if (reply.suggestions && reply.suggestions.length > 0) {
    // The policy's texts end with their own lead-in; adding "You could also ask:" under it doubled it.
    if (/:\s*$/.test(text)) lines.push('');
    else lines.push('', paint('bold', 'You could also ask:'));
    for (const s of reply.suggestions) lines.push(...wrapLine(`- ${s}`, { width, indent: 2, hanging: 4 }));
  }
  return lines.join('\n');
}
