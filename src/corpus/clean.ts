/**
 * Turns a source article exactly as supplied (a web page pasted as text) into clean Markdown:
 * web boilerplate removed, question-like short lines promoted to headings, bullets as Markdown
 * list items, every sentence of the article itself kept verbatim.
 */

/** Whole lines that belong to the web page, not the article. Matched after trimming. */
export const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  /^by admin$/i,
  /^leave a (reply|comment)$/i,
  /^your email address will not be published\.?/i,
  /^required fields are marked \*$/i,
  /^error: content is protected !!$/i,
  /^did you find this article helpful\?/i,
  /^this site uses akismet to reduce spam\./i,
  /^(share|share this|related posts?|post navigation|comments?)\s*:?$/i,
];

export function isBoilerplate(line: string): boolean {
  const t = line.trim();
  return BOILERPLATE_PATTERNS.some((p) => p.test(t));
}

const BULLET = /^\s*[•·▪●◦*-]\s+/;
/** Longest line treated as a heading; real headings in the articles are ≤ 70 characters. */
const MAX_HEADING_CHARS = 90;

/**
 * A heading is a short single line that reads as a title: it ends with "?" or ":" or has no sentence-final
 * punctuation at all ("The Rise of Ketamine Therapy").
 */
export function isHeadingLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.length > MAX_HEADING_CHARS || BULLET.test(line)) return false;
  if (/[?:]$/.test(t)) return true;
  return !/[.!"”)]$/.test(t);
}

/** One block of the cleaned article. */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bullet'; text: string };

/** Parses raw article text into blocks (blank-line separated; a lone line may be a heading). */
export function parseRawArticle(raw: string): Block[] {
  const blocks: Block[] = [];
  for (const line of raw.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || isBoilerplate(trimmed)) continue;
    if (BULLET.test(line)) blocks.push({ type: 'bullet', text: trimmed.replace(BULLET, '') });
    else if (isHeadingLine(trimmed)) blocks.push({ type: 'heading', text: trimmed.replace(/:$/, '') });
    else blocks.push({ type: 'paragraph', text: trimmed.replace(/\s+/g, ' ') });
  }
  return blocks;
}

/** Metadata written as front matter. */
export interface ArticleMeta {
  id: string;
  title: string;
  source: string;
}

/**
 * Renders blocks as Markdown with YAML front matter. The first heading, when the article opens with one, is
 * the article's own title line (`#`); later headings are sections (`##`).
 */
export function toMarkdown(meta: ArticleMeta, blocks: Block[]): string {
  const out: string[] = [
    '---',
    `id: ${meta.id}`,
    `title: ${JSON.stringify(meta.title)}`,
    `source: ${meta.source}`,
    '---',
    '',
  ];
  blocks.forEach((block, i) => {
    if (block.type === 'heading') out.push(`${i === 0 ? '#' : '##'} ${block.text}`, '');
    else if (block.type === 'bullet') {
      out.push(`- ${block.text}`);
      if (blocks[i + 1]?.type !== 'bullet') out.push('');
    } else out.push(block.text, '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
