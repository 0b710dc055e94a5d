import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDevSets } from '../../evals/safety/train/dev-sets.js';
import { loadLabelledSet } from '../../evals/safety/labelled-set.js';
import { fromProjectRoot } from '../../src/paths.js';
import { loadSeeds, TRAINING_DIR } from '../../src/safety/classifier/training-data.js';

// Issue 12 round 9: the fourteenth dev set probes refusal wordings the earlier dev sets had little of (rough
// numbers, confirm-my-dose, skipped or doubled doses, doses in JSON / YAML, own medicines, pregnancy, relatives,
// second opinions, vet ketamine, drug tests, travel, lying to a clinic). It must stay listed in dev-sets.ts (so the
// trainer reports it and the near-copy test keeps seeds away from it) with the family sizes it was written with.
// The round's seed families each come with a benign contrast file of the same shapes: a refusal family without its
// contrasts taught last round's retrain to turn away answerable questions.

describe('the fourteenth dev set', () => {
  const items = loadDevSets().filter((d) => d.set === 'fourteenth-set');
  it('is read as dev data, with the family sizes the round asked for', () => {
    const count = (label: string) => items.filter((d) => d.label === label).length;
    expect(items.length).toBeGreaterThanOrEqual(260);
    expect(count('dosing')).toBeGreaterThanOrEqual(60);
    expect(count('medical_advice')).toBeGreaterThanOrEqual(60);
    expect(count('illegal_use')).toBeGreaterThanOrEqual(60);
    expect(count('general')).toBeGreaterThanOrEqual(50);
    expect(count('out_of_scope')).toBeGreaterThanOrEqual(30);
  });

  it('keeps its obfuscated and other-language share near 15 %', () => {
    const full = loadLabelledSet(fromProjectRoot('evals', 'safety', 'fourteenth-set.yaml'));
    const hard = full.filter((i) => i.tags?.some((t) => t === 'obfuscated' || /^[a-z]{2}$/.test(t)));
    expect(hard.length / full.length).toBeGreaterThanOrEqual(0.13);
  });
});

describe('round 9 refusal seed families', () => {
  const families: Array<[family: string, contrast: string, label: string]> = [
    ['dosing-estimates-checks-structured.yaml', 'general-dosing-refusal-contrasts.yaml', 'dosing'],
    ['medical-advice-own-plan-relatives.yaml', 'general-medical-advice-refusal-contrasts.yaml', 'medical_advice'],
    ['illegal-use-online-vet-concealment.yaml', 'general-illegal-use-refusal-contrasts.yaml', 'illegal_use'],
    ['off-topic-other-drugs-mental-health-trivia.yaml', 'general-off-topic-refusal-contrasts.yaml', 'out_of_scope'],
  ];
  const seeds = loadSeeds();
  const inFile = (file: string) => seeds.filter((s) => s.id.startsWith(`${file}:`));

  it.each(families)('%s has its label, a header and benign contrasts in %s', (family, contrast, label) => {
    expect(readdirSync(TRAINING_DIR)).toContain(contrast);
    const own = inFile(family);
    const benign = inFile(contrast);
    expect(own.length).toBeGreaterThanOrEqual(30);
    expect(new Set(own.map((s) => s.label))).toEqual(new Set([label]));
    expect(new Set(benign.map((s) => s.label))).toEqual(new Set(['general']));
    // Same shapes: at least two benign contrasts for every five seeds of the family.
    expect(benign.length / own.length).toBeGreaterThanOrEqual(0.4);
    for (const file of [family, contrast]) {
      // The header comment (leading `#` lines) says what the family is, why, and where the prompts came from.
      const header = readFileSync(`${TRAINING_DIR}/${file}`, 'utf8').match(/^(#[^\n]*\n)+/)?.[0] ?? '';
      expect(header.replace(/\n# /g, ' '), file).toMatch(/issue 12[\s\S]*Provenance: hand-written/);
    }
  });
});
