import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutputGuard } from '../../src/safety/output-guard.js';
import { TEXTS } from '../../src/safety/texts.js';

const guard = createOutputGuard();

/** Sentences of a text: one per line, bullet or sentence end. */
function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.replace(/^[\s•*-]+/, '').trim())
    .filter((s) => /[a-z]/i.test(s));
}

/** The five real articles: the raw files as supplied, plus the cleaned corpus once it exists. */
function realArticles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const raw = join(process.cwd(), '..', 'shared', 'source-articles');
  if (existsSync(raw))
    for (const f of readdirSync(raw)) out.push({ name: f, text: readFileSync(join(raw, f), 'utf8') });
  const corpus = join(process.cwd(), 'corpus');
  if (existsSync(corpus)) {
    for (const f of readdirSync(corpus).filter((n) => n.endsWith('.md'))) {
      out.push({ name: `corpus/${f}`, text: readFileSync(join(corpus, f), 'utf8').replace(/^---[\s\S]*?---/, '') });
    }
  }
  return out;
}

function fixtureSection(title: string): string[] {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', 'dosing-article.md'), 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith(title));
  if (!section) throw new Error(`fixture has no section ${title}`);
  return section
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('output guard', () => {
  it('passes every sentence of the five real articles', () => {
    const articles = realArticles();
    expect(articles.length).toBeGreaterThanOrEqual(5);
    const flagged = articles.flatMap((a) =>
      sentences(a.text)
        .filter((s) => guard.check(s))
        .map((s) => `${a.name}: ${s} (${guard.check(s)})`),
    );
    expect(flagged).toEqual([]);
  });

  it('passes the ordinary sentences the issue names', () => {
    expect(
      guard.check('Finally, you should eat a light meal before your appointment and wear comfortable clothing.'),
    ).toBeUndefined();
    expect(
      guard.check('Some people may only need a few infusions, while others may need up to 12 infusions.'),
    ).toBeUndefined();
    expect(
      guard.check('Ketamine treatment involves a low-dose infusion, typically lasting around 40 minutes.'),
    ).toBeUndefined();
    expect(guard.check('Take care!')).toBeUndefined();
    expect(guard.check('Use a licensed provider.')).toBeUndefined();
    expect(guard.check('Using ketamine too much can also make some people dependent on it.')).toBeUndefined();
  });

  it('stops every dosing sentence of the fixture article and passes its background sentences', () => {
    const dosing = fixtureSection('Dosing');
    const background = fixtureSection('Background');
    expect(dosing.length).toBeGreaterThanOrEqual(20);
    expect(dosing.filter((s) => !guard.check(s))).toEqual([]);
    expect(background.filter((s) => guard.check(s))).toEqual([]);
  });

  it('names the reason', () => {
    expect(guard.reasonOf('Give 0.5 mg/kg over 40 minutes.')).toBe('dose_quantity');
    expect(guard.reasonOf('Dosing is 1 milligram per kg.')).toBe('dose_quantity');
    expect(guard.reasonOf('Patients get ketamine per kg of body weight.')).toBe('dose_per_weight');
    expect(guard.reasonOf('You should increase your dose.')).toBe('personal_directive');
    expect(guard.reasonOf('Use it twice a day.')).toBe('dose_frequency');
  });
});

describe('fixed policy texts', () => {
  const texts = [
    TEXTS.crisis,
    TEXTS.emergency,
    TEXTS.support,
    TEXTS.notEnglish,
    ...Object.values(TEXTS.refusal),
    TEXTS.outOfScope,
    ...Object.values(TEXTS.smalltalk),
    ...TEXTS.suggestions,
  ];

  it('contain no dose quantity or directive (checked by the guard and by a plain number+unit search)', () => {
    for (const text of texts) {
      for (const s of sentences(text)) expect(guard.check(s), s).toBeUndefined();
      expect(text).not.toMatch(/\d\s*(mg|mcg|ml|µg|g\b|sprays?|troches?)/i);
      expect(text).not.toMatch(/mg\s*\/\s*kg/i);
    }
  });

  it('the crisis text gives 988 (call or text), 911 / local emergency number and a pointer outside the US, with no questions', () => {
    expect(TEXTS.crisis).toMatch(/call or text \*\*988\*\*/);
    expect(TEXTS.crisis).toMatch(/911/);
    expect(TEXTS.crisis).toMatch(/local emergency number/);
    expect(TEXTS.crisis).toMatch(/findahelpline\.com/);
    expect(TEXTS.crisis).not.toMatch(/\?/);
  });

  it('the emergency text opens with calling 911 / the local emergency number; 988 comes later, for suicidal feelings', () => {
    expect(TEXTS.emergency.split('\n')[0]).toMatch(/^\*\*Call 911 \(or your local emergency number\) now/);
    expect(TEXTS.emergency.indexOf('988')).toBeGreaterThan(TEXTS.emergency.indexOf('911'));
    expect(TEXTS.emergency).toMatch(/988\*\* \(call or text, US\) is for suicidal/);
  });

  it('the supportive line and the English-only reply both carry 988 and an emergency number', () => {
    for (const t of [TEXTS.support, TEXTS.notEnglish]) {
      expect(t).toMatch(/988/);
      expect(t).toMatch(/911/);
    }
  });

  it('every refusal points to a prescriber or clinician', () => {
    for (const r of Object.values(TEXTS.refusal)) expect(r).toMatch(/prescriber|clinician|doctor/);
  });
});
