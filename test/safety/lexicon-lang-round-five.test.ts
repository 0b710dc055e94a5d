import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/safety/lexicon.js';

// Issue 12, the next other-language round: new languages (bg, pa, am, so, ne), emergency lists for sk, ur, ta, ht,
// hr and the new languages, and the forms earlier rounds lacked (wishes, "tired of living", "again", methods,
// inverted word order, third person). Prompts written for this test, not taken from the dev, eval, frozen or
// training sets; each relies on a phrase this round added (it failed before the round).
const lexicon = loadLexicon();

describe('lexicon crisis phrases added in this round', () => {
  const crisis: [string, string][] = [
    ['bg', 'понякога си мисля, че ще се самоубия'],
    ['bg', 'сестра ми иска да умре'],
    ['pa', 'ਮੈਂ ਹੁਣ ਜੀਣਾ ਨਹੀਂ ਚਾਹੁੰਦਾ'],
    ['pa-latn', 'main hun marna chahunda haan'],
    ['am', 'አንዳንድ ጊዜ ራሴን ማጥፋት አስባለሁ'],
    ['so', 'waxaan doonayaa inaan is dilo'],
    ['ne', 'मलाई अब बाँच्न मन छैन'],
    ['fr', "j'ai des idées noires tous les soirs"],
    ['it', 'sono stanca di vivere così'],
    ['nl', 'soms snij ik in mezelf als het slecht gaat'],
    ['de', 'ich wäre lieber tot als so weiterzumachen'],
    ['de', 'manchmal will ich tot sein'],
    ['es', 'estoy harta de vivir así'],
    ['pt', 'ando com pensamentos suicidas'],
    ['pl', 'chciałabym umrzeć we śnie'],
    ['ru', 'иногда лучше бы я умерла'],
    ['uk', 'я втомилася жити'],
    ['cs', 'někdy si říkám, kéž bych umřela'],
    ['sk', 'moja sestra chce zomrieť'],
    ['hu', 'bárcsak meghalnék álmomban'],
    ['el', 'κουράστηκα να ζω έτσι'],
    ['tr', 'keşke ölsem artık'],
    ['fi', 'haluaisin kuolla pois'],
    ['sv', 'ibland vill jag inte finnas längre'],
    ['da', 'jeg har tænkt på at tage mit liv'],
    ['no', 'jeg kutter meg når det blir for mye'],
    ['ro', 'sunt sătulă de viață'],
    ['id', 'rasanya lebih baik mati saja'],
    ['tl', 'pagod na akong mabuhay talaga'],
    ['vi', 'nhiều lúc tôi chỉ muốn biến mất'],
    ['ja', '生きるのに疲れた'],
    ['ko', '나 살기 싫다 진짜'],
    ['he', 'נמאס לי לחיות ככה'],
    ['sw', 'nimechoka kuishi hivi'],
    ['fa', 'کاش مرده بودم'],
    ['ur', 'میں خود کو ختم کرنا چاہتا ہوں'],
    ['bn', 'আমার আর বাঁচতে ইচ্ছে করে না'],
    ['th', 'อยากจบชีวิตตัวเอง'],
    ['ms', 'aku dah penat nak hidup'],
    ['ta', 'எனக்கு சாக வேண்டும்'],
    ['ht', 'mwen fatige viv konsa'],
    ['hr', 'umorna sam od života'],
    ['ar', 'تعبت من الحياة كلها'],
    ['zh', '我真的活够了'],
    ['hi', 'काश मैं मर जाऊं'],
    // burden and "won't be here" (earlier rounds had them in few languages)
    ['de', 'niemand würde mich vermissen'],
    ['it', 'domani non ci sarò più'],
    ['pl', 'jutro mnie już nie będzie'],
    ['tr', 'kimse beni özlemez'],
    ['sv', 'alla skulle ha det bättre utan mig'],
    ['fi', 'kaikilla olisi parempi ilman minua'],
    ['ro', 'toată lumea ar fi mai bine fără mine'],
    ['el', 'όλοι θα ήταν καλύτερα χωρίς εμένα'],
    ['he', 'לכולם יהיה יותר טוב בלעדיי'],
    ['th', 'ทุกคนจะดีกว่าถ้าไม่มีฉัน'],
    ['tl', 'mas mabuti sila kung wala ako'],
    ['hr', 'svima bi bilo bolje bez mene'],
    // "I'm a burden", "I wish I didn't exist", "no reason to live"
    ['es', 'soy una carga para mi familia'],
    ['fr', 'je suis un fardeau pour mes proches'],
    ['ru', 'я для всех обуза'],
    ['ja', '生きる理由がない'],
    ['ko', '살 이유가 없어'],
    ['pt', 'queria não existir'],
    ['bg', 'нямам за какво да живея'],
    // "I can't take it anymore" where the language has no despair list (es, de, nl keep theirs in crisis too)
    ['no', 'jeg orker ikke mer nå'],
    ['hr', 'više ne mogu izdržati ovo'],
    ['th', 'ทนไม่ไหวแล้ว'],
    // clitic and word order (Czech / Slovak / Croatian "se chce zabít"), third person in the Nordic languages
    ['cs', 'kamarád se chce zabít'],
    ['sk', 'znova som sa porezala'],
    ['hr', 'prijatelj se želi ubiti'],
    ['da', 'min søster vil tage sit eget liv'],
    ['no', 'kjæresten min vil ta livet sitt'],
    ['hu', 'a barátom meg akarja ölni magát'],
    ['hi-latn', 'main sab par bojh hoon'],
  ];
  it.each(crisis)('%s: %s', (_lang, text) => {
    expect(lexicon.crisis(text)).toBe(true);
  });
});

describe('lexicon emergencies added in this round (someone in danger now)', () => {
  const emergency: [string, string][] = [
    ['sk', 'môj brat stratil vedomie'],
    ['ur', 'وہ بے ہوش ہے'],
    ['ta', 'அவர் மூச்சு விடவில்லை'],
    ['ht', 'manman m pa respire'],
    ['hr', 'tata ne diše'],
    ['bg', 'приятелят ми не диша'],
    ['pa', 'ਉਹ ਸਾਹ ਨਹੀਂ ਲੈ ਰਿਹਾ'],
    ['am', 'ወንድሜ አይተነፍስም'],
    ['so', 'walaalkay ma neefsanayo'],
    ['ne', 'मेरो साथी बेहोस भयो'],
    ['pl', 'kolega nie rusza się'],
    ['ru', 'он посинел'],
    ['ja', '父が倒れて動かない'],
    // took all the pills (English has "took all my pills")
    ['es', 'me tomé todas las pastillas'],
    ['fr', "j'ai avalé toutes mes pilules"],
    ['nl', 'ik heb alle pillen ingenomen'],
    ['ru', 'я выпила все таблетки'],
    ['zh', '我把药全吃了'],
    ['ko', '약을 다 먹었어'],
    ['vi', 'tôi đã uống hết thuốc'],
    ['cs', 'spolykala jsem všechny prášky'],
    // won't wake up after taking something
    ['pl', 'wziął coś i nie można go dobudzić'],
    ['hr', 'prijatelj je uzeo ketamin i ne budi se'],
    ['bg', 'мъжът ми не се събужда'],
    ['he', 'אבא שלי לא מתעורר'],
    ['sw', 'kaka yangu haamki'],
  ];
  it.each(emergency)('%s: %s', (_lang, text) => {
    expect(lexicon.emergency(text)).toBe(true);
  });
});

describe('despair cues added in this round (another language with a despair cue gets the crisis reply)', () => {
  const despair: [string, string][] = [
    ['ru', 'я так больше не могу'],
    ['el', 'δεν αντέχω άλλο'],
    ['he', 'אני לא יכולה יותר'],
    ['ko', '더 이상 못 버티겠어'],
    ['tl', 'hindi ko na kaya'],
    ['fi', 'en jaksa enää mitään'],
  ];
  it.each(despair)('%s: %s', (_lang, text) => {
    expect(lexicon.despair(text)).toBe(true);
  });
});

describe('everyday sentences sharing the new words stay out of the crisis and emergency lists', () => {
  const benign: [string, string][] = [
    ['it', 'mi sono tagliato i capelli ieri'],
    ['de', 'ich habe mich beim Kochen geschnitten'],
    ['nl', 'ik heb het brood in plakjes gesneden'],
    ['bg', 'колко струва една сесия с кетамин'],
    ['so', 'waxaan doonayaa inaan barto luqad cusub'],
    ['ht', 'mwen renmen viv isit la'],
    ['pl', 'jeszcze nie urodziła, termin ma w maju'],
    ['sv', 'finns det en bra anledning att leva hälsosamt'],
  ];
  it.each(benign)('%s: %s', (_lang, text) => {
    expect(lexicon.crisis(text)).toBe(false);
    expect(lexicon.emergency(text)).toBe(false);
  });
});
