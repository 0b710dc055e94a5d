/**
 * The form a question is counted under: case, spacing, quotes and trailing punctuation do not make two questions
 * different ("What is ketamine?" and "what is ketamine" count as one).
 */
export function normaliseQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.,;:]+$/u, '')
    .trim();
}
