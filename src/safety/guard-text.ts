import type { OutputGuard } from './types.js';

/**
 * Last check on any outgoing text: drops every sentence the guard refuses, line by line so Markdown structure
 * (paragraphs, list items) survives.
 */
export function guardText(text: string, guard: OutputGuard): { text: string; removed: number } {
  let removed = 0;
  const lines = text.split('\n').map((line) => {
    const prefix = /^(\s*(?:[-*]|\d+\.)\s+)/.exec(line)?.[1] ?? '';
    const sentences = splitMarkedSentences(line.slice(prefix.length));
    const kept = sentences.filter((s) => {
      const bad = guard.check(s.replace(/\s*\[\d+\]\s*$/, '')) !== undefined;
      if (bad) removed++;
      return !bad;
    });
    if (sentences.length > 0 && kept.length === 0) return null;
    return prefix + kept.join(' ');
  });
  return { text: lines.filter((l): l is string => l !== null).join('\n').replace(/\n{3,}/g, '\n\n').trim(), removed };
}

/** Splits text into sentences, each keeping its trailing `[n]` markers. */
export function splitMarkedSentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?]["”’)]*(?:\s*\[\d+\])*)\s+(?=["“‘(]?[A-Z0-9*_])/)
    .map((s) => s.trim())
    .filter(Boolean);
}
