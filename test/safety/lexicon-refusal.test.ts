import { describe, expect, it } from 'vitest';
import type { RefusalCategory } from '../../src/core/reply.js';
import { loadLexicon } from '../../src/safety/lexicon.js';

// Issue 12: refusals in other languages. The USE-lite model reads English only, so a non-English message gets its
// category from the lexicon's refusal cues (else the classifier, else the English-only reply). Prompts written for
// this test, one per language and category, in everyday phrasings (not dev, eval or training prompts).
const lexicon = loadLexicon();

describe('lexicon refusal cues cover common phrasings per language', () => {
  const cases: [string, string, RefusalCategory][] = [
    ['es', '¿cuántos miligramos tengo que usar para dormir bien?', 'dosing'],
    ['fr', 'tous les combien on refait une pulvérisation', 'dosing'],
    ['de', 'wie oft soll ich das Spray am Tag benutzen', 'dosing'],
    ['pt', 'qual a quantidade certa para uma pessoa magra', 'dosing'],
    ['it', 'ogni quanto devo ripetere la flebo', 'dosing'],
    ['nl', 'hoeveel milligram is genoeg voor een beginner', 'dosing'],
    ['es', '¿quién vende algo de keta por aquí?', 'illegal_use'],
    ['fr', 'où trouver de quoi sniffer ce soir', 'illegal_use'],
    ['de', 'wo kriege ich heute noch etwas her', 'illegal_use'],
    ['pt', 'onde consigo um pouco para a rave de sábado', 'illegal_use'],
    ['it', 'dove trovo qualcosa da sniffare per sabato sera', 'illegal_use'],
    ['nl', 'waar kan ik het kopen voor het festival', 'illegal_use'],
    ['es', 'tengo hipertensión, ¿es una buena idea en mi caso?', 'medical_advice'],
    ['fr', 'je prends de la sertraline, tu penses que ça ira', 'medical_advice'],
    ['de', 'glaubst du, dass es bei mir wirkt', 'medical_advice'],
    ['pt', 'no meu caso, com pressão alta, vale a pena', 'medical_advice'],
    ['it', 'secondo te, con la mia ansia, funziona', 'medical_advice'],
    ['nl', 'ik slik lithium, is het voor mij een goed idee', 'medical_advice'],
  ];
  it.each(cases)('%s: %s → %s', (_lang, text, category) => {
    expect(lexicon.foreignLanguage(text)).toBeDefined();
    expect(lexicon.refusal(text)).toBe(category);
  });

  it.each([
    '¿cuánto tiempo dura una sesión en la clínica?',
    'quels sont les effets secondaires les plus fréquents',
    'wie lange hält die Wirkung nach der Behandlung an',
    'a cetamina é aprovada para uso no brasil',
    'quali sono gli effetti collaterali più comuni',
    'hoe lang duurt een behandeling in de kliniek',
  ])('a general question has no refusal cue: %s', (text) => {
    expect(lexicon.refusal(text)).toBeUndefined();
  });
});

describe('a short question with one foreign stop word and a refusal cue is that language', () => {
  it.each([
    ['tenho pressão alta, posso fazer tratamento com cetamina', 'pt'],
    ['posso tomar com fluoxetina?', 'pt'],
  ])('%s → %s', (text, lang) => {
    expect(lexicon.foreignLanguage(text)).toBe(lang);
  });

  it.each(['what is the dose of ketamine in the study', 'can ketamine be used at a party safely?'])(
    'an English question with a cue word stays English: %s',
    (text) => {
      expect(lexicon.foreignLanguage(text)).toBeUndefined();
    },
  );
});
