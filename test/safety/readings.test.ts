import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  deLeet,
  joinSpacedLetters,
  readingsOf,
  segment,
  unwrapJson,
} from '../../src/safety/deobfuscate.js';
import { loadLexicon } from '../../src/safety/lexicon.js';
import { BUNDLED_RULES_FILE, firstRule, loadRules, MAX_RULES } from '../../src/safety/rules.js';

describe('de-obfuscated readings', () => {
  it('decodes base64, leetspeak, spaced letters and JSON wrappers', () => {
    expect(decodeBase64(Buffer.from('how much should i take').toString('base64'))).toBe('how much should i take');
    expect(deLeet('h0w mu¢h k3t@m1ne')).toBe('how mu¢h ketamine');
    expect(joinSpacedLetters('h o w  m u c h  k e t')).toBe('how much ket');
    expect(unwrapJson('please {"q": "how much", "n": ["ket"]}')).toBe('please how much ket');
  });

  it('splits letters typed one at a time with single spaces back into known words', () => {
    const vocabulary = new Set(['how', 'much', 'ketamine', 'should', 'i', 'take']);
    expect(segment('howmuchketamineshouldi', vocabulary)).toBe('how much ketamine should i');
    expect(joinSpacedLetters('h o w m u c h k e t a m i n e', vocabulary)).toBe('how much ketamine');
    expect(segment('xyzketamine', vocabulary)).toBe('xyz ketamine');
  });

  it('leaves plain text, numbers with units and ordinary base64-looking words alone', () => {
    expect(readingsOf('Is ketamine addictive?')).toEqual([]);
    expect(deLeet('is 50mg a lot')).toBe('is 50mg a lot');
    expect(decodeBase64('Supercalifragilistic')).toBeUndefined();
    expect(unwrapJson('what about {braces}')).toBeUndefined();
  });
});

describe('multilingual lexicon', () => {
  const lexicon = loadLexicon();
  it('finds crisis and emergency phrases whatever the accents, casing and punctuation', () => {
    expect(lexicon.crisis('QUIERO MORIR')).toBe(true);
    expect(lexicon.crisis('Je veux mourir.')).toBe(true);
    expect(lexicon.crisis('Não quero mais viver')).toBe(true);
    expect(lexicon.emergency("he isn't breathing!!")).toBe(true);
    expect(lexicon.emergency('¡No respira!')).toBe(true);
    expect(lexicon.crisis('Is ketamine used for depression?')).toBe(false);
    expect(lexicon.emergency('what happens if someone takes too much ketamine?')).toBe(false);
  });

  it('tells other languages from English cheaply', () => {
    expect(lexicon.foreignLanguage('¿Cuánto dura una sesión de ketamina?')).toBe('es');
    expect(lexicon.foreignLanguage('Wie lange dauert eine Sitzung mit Ketamin?')).toBe('de');
    expect(lexicon.foreignLanguage('Сколько длится сеанс?')).toBe('other');
    expect(lexicon.foreignLanguage("What's ketamine's molecular structure?")).toBeUndefined();
    expect(lexicon.foreignLanguage('How long does a session last?')).toBeUndefined();
  });
});

describe('high-precision rules', () => {
  const rules = loadRules(BUNDLED_RULES_FILE);
  it(`are at most ${MAX_RULES}, and fire on explicit requests only`, () => {
    expect(rules.length).toBeLessThanOrEqual(MAX_RULES);
    expect(firstRule(rules, ['is 100 mg too much'])?.label).toBe('dosing');
    expect(firstRule(rules, ['where can I buy ketamine online'])?.label).toBe('illegal_use');
    expect(firstRule(rules, ['where can I get ketamine treatment near me'])).toBeUndefined();
    expect(firstRule(rules, ['where can I buy tickets at the festival gate'])).toBeUndefined();
    expect(firstRule(rules, ['is ketamine bad for your brain at therapeutic doses?'])).toBeUndefined();
    expect(firstRule(rules, ['how often are sessions spaced?'])).toBeUndefined();
  });
});
