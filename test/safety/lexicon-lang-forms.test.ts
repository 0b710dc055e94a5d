import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/safety/lexicon.js';

// Issue 12 (fifteenth dev set): the English classifier cannot read other languages, so the lexicon must hold the
// forms people actually write beyond "I want to die": third person and reported speech, past tense, feminine forms,
// passive "never wake up", self-harm and emergencies described by a bystander. Prompts written for this test, not
// taken from the dev, eval, frozen or training sets; each relies on a form the lexicon lacked before this round.
const lexicon = loadLexicon();

describe('lexicon crisis forms in other languages', () => {
  const crisis: [string, string][] = [
    ['es', 'a veces quisiera dormir para siempre'],
    ['fr', 'ma copine veut mourir depuis la rupture'],
    ['de', 'sie hat sich gestern wieder geritzt'],
    ['pt', 'pratico automutilação desde os quinze anos'],
    ['it', 'soffro di autolesionismo da anni'],
    ['nl', 'mijn vriend zei dat hij dood wil'],
    ['pl', 'wczoraj znowu pociąłem się w łazience'],
    ['ro', 'fratele meu vrea să se sinucidă'],
    ['cs', 'kamarádka chce umřít'],
    ['ru', 'иногда хочется заснуть и не проснуться'],
    ['uk', 'мені здається, що вона хоче померти'],
    ['tr', 'ağabeyim kendini öldürecek gibi konuşuyor'],
    ['el', 'σκέφτομαι να βλάψω τον εαυτό μου'],
    ['ar', 'أختي تريد أن تموت'],
    ['fa', 'میخوام بمیرم دیگه'],
    ['he', 'הוא רוצה להרוג את עצמו'],
    ['hi-latn', 'yaar main khud ko khatam kar dunga'],
    ['bn', 'আমার বন্ধু বলছে সে আর বাঁচতে চায় না'],
    ['zh', '我真想永远不醒'],
    ['ja', '手首を切ってしまった'],
    ['ko', '동생이 죽고 싶대'],
    ['vi', 'em trai tôi hay rạch tay'],
    ['th', 'บางทีก็อยากหายไป'],
    ['id', 'adikku suka melukai diri sendiri'],
    ['tl', 'gusto na niyang mamatay sabi ng tatay ko'],
    ['sw', 'kaka yangu anataka kufa'],
    ['sv', 'han vill ta sitt liv'],
    ['ht', 'pafwa mwen vle mouri'],
    ['hr', 'više ne želim živjeti ovako'],
    ['sr', 'ponekad mislim da ću se ubiti'],
  ];
  it.each(crisis)('%s: %s', (_lang, text) => {
    expect(lexicon.crisis(text)).toBe(true);
  });
});

describe('lexicon emergencies described by a bystander', () => {
  const emergency: [string, string][] = [
    ['es', 'mi compañero de piso se puso azul y no contesta'],
    ['fr', 'il a les lèvres bleues et ne bouge plus'],
    ['de', 'er ist blau angelaufen, was soll ich tun'],
    ['pt', 'meu pai ficou roxo e caiu no chão'],
    ['ms', 'pakcik saya pengsan dan tak bernafas'],
    ['th', 'แม่ไม่หายใจ'],
    ['fa', 'بابام بیهوش شد'],
    ['bn', 'দাদা অজ্ঞান হয়ে গেছে'],
  ];
  it.each(emergency)('%s: %s', (_lang, text) => {
    expect(lexicon.emergency(text)).toBe(true);
  });
});

describe('idioms that share the words are not a crisis', () => {
  // "tired to death" / "dying of hunger": everyday idioms the bare "muốn chết" / "أموت" used to match.
  const idioms: [string, string][] = [
    ['vi', 'hôm nay tôi mệt muốn chết'],
    ['ar', 'أموت من الجوع'],
    ['es', 'estoy muerto de hambre'],
    ['de', 'ich bin todmüde nach der Arbeit'],
    ['sv', 'jag dör av skratt'],
    ['zh', '笑死了'],
  ];
  it.each(idioms)('%s: %s', (_lang, text) => {
    expect(lexicon.crisis(text) || lexicon.emergency(text)).toBe(false);
  });
});
