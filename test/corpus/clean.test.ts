import { describe, expect, it } from 'vitest';
import { isBoilerplate, isHeadingLine, parseRawArticle, toMarkdown } from '../../src/corpus/clean.js';
import { parseArticle } from '../../src/corpus/load.js';
import { BOILERPLATE_PHRASES, RAW_FIXTURE } from './fixtures.js';

const META = { id: 'fixture-article', title: 'Fixture: What Is It?', source: 'fixture.txt' };

describe('parseRawArticle', () => {
  it('drops boilerplate, keeps paragraphs, turns short title-like lines into headings and • lines into bullets', () => {
    expect(parseRawArticle(RAW_FIXTURE)).toEqual([
      { type: 'heading', text: 'Ketamine. What is it? Is it safe?' },
      {
        type: 'paragraph',
        text: 'Ketamine has been used for decades as an anesthetic medication. More recently, it has been found to help.',
      },
      { type: 'heading', text: 'Standard benefits' },
      { type: 'bullet', text: 'Relief can come in a matter of hours.' },
      { type: 'bullet', text: 'Side effects are generally mild.' },
      { type: 'heading', text: 'How long does ketamine therapy last?' },
      {
        type: 'paragraph',
        text: 'Some people may only need a few infusions, while others may need up to 12 infusions.',
      },
    ]);
  });

  it('recognises every kind of boilerplate line the source pages carry', () => {
    for (const line of [
      'By Admin',
      'Leave a Reply',
      'Leave a comment',
      'Your email address will not be published. Required fields are marked *',
      'error: Content is protected !!',
      'Did you find this article helpful? Visit more of our blogs.',
      'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
    ]) {
      expect(isBoilerplate(`  ${line}  `), line).toBe(true);
    }
    // An article sentence that merely mentions a word from the furniture is kept.
    expect(isBoilerplate('Ask the admin staff at the clinic to reply to your questions.')).toBe(false);
  });

  it('never keeps a boilerplate phrase in its output', () => {
    const text = parseRawArticle(RAW_FIXTURE)
      .map((b) => b.text)
      .join('\n');
    for (const phrase of BOILERPLATE_PHRASES) expect(text).not.toContain(phrase);
  });

  it('handles empty input and whitespace-only lines', () => {
    expect(parseRawArticle('')).toEqual([]);
    expect(parseRawArticle('   \n\t\n')).toEqual([]);
  });
});

describe('isHeadingLine', () => {
  it.each([
    ['How long does ketamine therapy last?', true],
    ['Standard benefits:', true],
    ['The Rise of Ketamine Therapy', true],
    ['Concluding Thoughts: Weighing Ketamine Side Effects and Benefits', true],
    ['Ketamine is a medication that is effective in the treatment of major depressive disorder.', false],
    ['Read on.', false],
    ['  • Is this a bullet?', false],
    ['', false],
    [`${'Why would a heading be this long and keep going without any end in sight for readers '.repeat(2)}?`, false],
  ])('%j → %s', (line, expected) => {
    expect(isHeadingLine(line)).toBe(expected);
  });
});

describe('toMarkdown', () => {
  const markdown = toMarkdown(META, parseRawArticle(RAW_FIXTURE));

  it('writes front matter, the title line as # and later headings as ##, bullets as a list', () => {
    expect(markdown).toBe(
      [
        '---',
        'id: fixture-article',
        'title: "Fixture: What Is It?"',
        'source: fixture.txt',
        '---',
        '',
        '# Ketamine. What is it? Is it safe?',
        '',
        'Ketamine has been used for decades as an anesthetic medication. More recently, it has been found to help.',
        '',
        '## Standard benefits',
        '',
        '- Relief can come in a matter of hours.',
        '- Side effects are generally mild.',
        '',
        '## How long does ketamine therapy last?',
        '',
        'Some people may only need a few infusions, while others may need up to 12 infusions.',
        '',
      ].join('\n'),
    );
  });

  it('round-trips through the corpus loader: sections carry their headings and every sentence survives', () => {
    const article = parseArticle(markdown, 'fixture.md');
    expect(article).toMatchObject(META);
    expect(article.sections.map((s) => s.heading)).toEqual([
      'Ketamine. What is it? Is it safe?',
      'Standard benefits',
      'How long does ketamine therapy last?',
    ]);
    expect(article.sections[1]?.paragraphs.every((p) => p.bullet)).toBe(true);
    expect(article.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences))).toEqual([
      'Ketamine has been used for decades as an anesthetic medication.',
      'More recently, it has been found to help.',
      'Relief can come in a matter of hours.',
      'Side effects are generally mild.',
      'Some people may only need a few infusions, while others may need up to 12 infusions.',
    ]);
  });

  it('opens with ## when the article has no title line (the first block is a paragraph)', () => {
    const md = toMarkdown(META, [
      { type: 'paragraph', text: 'Body first.' },
      { type: 'heading', text: 'Later heading?' },
      { type: 'paragraph', text: 'More.' },
    ]);
    expect(md).toContain('\n## Later heading?\n');
    expect(md).not.toMatch(/^# /m);
  });

  it('quotes titles so YAML-special characters survive', () => {
    const md = toMarkdown({ ...META, title: 'Risks: "what" #1 & more' }, [{ type: 'paragraph', text: 'Body.' }]);
    expect(parseArticle(md, 'x.md').title).toBe('Risks: "what" #1 & more');
  });
});
