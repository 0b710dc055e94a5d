import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The source articles exactly as supplied (outside the repo; tests that need them skip when it is absent). */
export const SOURCE_DIR = resolve(process.env.SOURCE_ARTICLES_DIR ?? '../shared/source-articles');
export const HAVE_SOURCES = existsSync(SOURCE_DIR);

/**
 * Web-page furniture the issue names. Deliberately independent of src/corpus/clean.ts: the tests must catch a
 * pattern missing from the cleaner, not share its blind spots.
 */
export const BOILERPLATE_PHRASES = [
  'Leave a Reply',
  'By Admin',
  'error: Content is protected !!',
  'Did you find this article helpful',
  'Your email address',
  'Required fields are marked',
  'Akismet',
  'Visit more of our blogs',
] as const;

/** Whole raw lines that are boilerplate, by the same independent list. */
export function isRawBoilerplate(line: string): boolean {
  const t = line.trim();
  return BOILERPLATE_PHRASES.some((p) => t.toLowerCase().startsWith(p.toLowerCase())) || /akismet/i.test(t);
}

/** Collapses whitespace only (what the cleaner may legitimately change inside a line). */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A raw article in the shape the supplier pasted them: title line, paragraphs, "Heading:" lines, • bullets, junk. */
export const RAW_FIXTURE = [
  'Ketamine. What is it? Is it safe?',
  '',
  'By Admin',
  '',
  'Ketamine has been used for decades as an anesthetic medication.  More recently, it has been found to help.',
  '',
  'Standard benefits:',
  '',
  '  • Relief can come in a matter of hours.',
  '',
  '  • Side effects are generally mild.',
  '',
  'How long does ketamine therapy last?',
  '',
  'Some people may only need a few infusions, while others may need up to 12 infusions.',
  '',
  'Did you find this article helpful? Visit more of our blogs.',
  '',
  'Leave a Reply',
  '',
  'Your email address will not be published. Required fields are marked *',
  '',
  'error: Content is protected !!',
  '',
  'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
].join('\r\n');
