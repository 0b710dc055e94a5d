import { splitSentences } from '../text/sentences.js';
import type { OutputGuard } from './types.js';

/**
 * Last check on any outgoing text: drops every sentence the guard refuses, line by line so Markdown structure
 * (paragraphs, list items) survives.
 */
export function guardText(text: string, guard: OutputGuard): { text: string; removed: number } {
  let removed = 0;
  const lines = text.split('\n').map((line) => {
    const prefix = /^(\s*(?:[-*]|\d+\.)\s+)/.exec(line)?.[1] ?? '';
    // Sentences keep their trailing `[n]` markers; the guard checks the sentence without them.
    const sentences = splitSentences(line.slice(prefix.length));
    const kept = sentences.filter((s) => {
      const bad = guard.check(s.replace(/\s*\[\d+\]\s*$/, '')) !== undefined;
      if (bad) removed++;
      return !bad;
    });
    if (sentences.length > 0 && kept.length === 0) return null;
    return prefix + kept.join(' ');
  });
  return {
    text: lines
      .filter((l): l is string => l !== null)
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    removed,
  };
}
