import type { QuestionLogEntry } from '../core/question-log.js';
import type { QuestionGroup } from './cluster.js';
import { normaliseQuestion } from './normalise.js';

/** Turns counted by reply kind, channel and UTC day. Crisis turns are counted like any other (never shown). */
export interface ReviewCounts {
  total: number;
  byKind: Record<string, number>;
  byChannel: Record<string, number>;
  /** `YYYY-MM-DD` (UTC) → turns, oldest day first. */
  byDay: Record<string, number>;
}

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};

export function countEntries(entries: readonly QuestionLogEntry[]): ReviewCounts {
  const counts: ReviewCounts = { total: entries.length, byKind: {}, byChannel: {}, byDay: {} };
  for (const e of entries) {
    bump(counts.byKind, e.kind);
    bump(counts.byChannel, e.channel);
  }
  const days = entries.map((e) => e.at.slice(0, 10)).sort();
  for (const day of days) bump(counts.byDay, day);
  return counts;
}

/**
 * Distinct questions (normalised text) with counts, most asked first. Entries without text (crisis turns) are
 * skipped here: their text was never stored, and nothing derived from it is ever shown.
 */
export function groupQuestions(entries: readonly QuestionLogEntry[]): QuestionGroup[] {
  const groups = new Map<string, QuestionGroup>();
  for (const e of entries) {
    if (e.question === null || e.kind === 'crisis') continue;
    const key = normaliseQuestion(e.question);
    if (key === '') continue;
    const g = groups.get(key);
    if (!g) groups.set(key, { key, text: e.question.trim(), count: 1, lastAt: e.at });
    else {
      g.count++;
      if (e.at > g.lastAt) [g.lastAt, g.text] = [e.at, e.question.trim()];
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/** Why a turn needs review: the bot abstained, or answered with low answerability confidence. */
export type ReviewReason = 'no_answer' | 'low_confidence';

export function reviewReason(entry: QuestionLogEntry, lowConfidenceBelow: number): ReviewReason | undefined {
  if (entry.question === null || entry.kind === 'crisis') return undefined;
  if (entry.kind === 'no_answer') return 'no_answer';
  if (entry.kind === 'answer' && entry.confidence !== undefined && entry.confidence < lowConfidenceBelow)
    return 'low_confidence';
  return undefined;
}
