import type { ReplyBody } from '../../core/reply.js';

/** Plain-text rendering of a reply for the terminal: text, numbered sources, suggestions. */
export function renderForTerminal(reply: ReplyBody): string {
  const lines = [reply.text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/_(.+?)_/g, '$1')];
  if (reply.citations.length > 0) {
    lines.push('', 'Sources:');
    for (const c of reply.citations) lines.push(`  [${c.n}] ${c.title} (${c.chunkId})`, `      "${c.quote}"`);
  }
  if (reply.suggestions && reply.suggestions.length > 0) {
    lines.push('', 'You could also ask:');
    for (const s of reply.suggestions) lines.push(`  - ${s}`);
  }
  return lines.join('\n');
}
