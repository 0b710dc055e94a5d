import { foldQuotes } from '../text/tokenize.js';
import type { OutputGuard } from './types.js';

/** Why the guard stopped a sentence (stable, logged by handleTurn). */
export type GuardReason = 'dose_quantity' | 'dose_per_weight' | 'dose_frequency' | 'personal_directive';

const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half(?: a)?|a half|a quarter|a couple of|a few)`;
const UNIT = String.raw`(?:mg|mgs|milligrams?|mcg|µg|μg|ug|micrograms?|ml|mls|millilit(?:er|re)s?|cc|g|grams?|iu|units?|sprays?|puffs?|squirts?|troches?|lozenges?|tablets?|tabs?|pills?|capsules?|drops?|doses?|bumps?|lines?|devices?)`;
const MED_VERB = String.raw`(?:take|use|dose|snort|sniff|inject|spray|redose|administer|dissolve)`;
/** Any form ("taking"): only inside a sentence, since article sentences may start "Using ketamine…". */
const MED_VERB_ANY = String.raw`(?:tak(?:e|es|ing)|us(?:e|es|ing)|dos(?:e|es|ing)|snort(?:s|ing)?|sniff(?:s|ing)?|inject(?:s|ing)?|spray(?:s|ing)?|redos(?:e|es|ing)|administer(?:s|ing)?|dissolv(?:e|es|ing))`;
const CHANGE_VERB = String.raw`(?:increase|decrease|double|halve|skip|stop taking|start taking|reduce|raise|lower|redose|titrate|taper|up|cut(?: back)?|adjust|change)`;
/** What a dose change acts on: "reduce your dose", "stop taking your medication" (not "reduce negative effects"). */
const DOSE_OBJECT = String.raw`(?:(?:your|the|my|this|that|a|an|each|every|how much)\s+)?(?:(?:next|daily|usual|current|ketamine|morning|evening)\s+)?(?:dose|doses|dosage|amount|medications?|medicines?|meds|ketamine|esketamine|spravato|sprays?|troches?|lozenges?|pills?|tablets?|it|them)\b`;
const MED_OBJECT = String.raw`(?:\d|one\b|two\b|three\b|a (?:dose|spray|troche|pill|tablet|lozenge|bump|line)\b|an extra\b|another\b|more\b|less\b|extra\b|half\b|it\b|ketamine\b|esketamine\b|spravato\b|this (?:drug|medication|medicine)\b|the (?:drug|medication|medicine|spray|troche|lozenge|pill|tablet|dose)s?\b|your (?:dose|dosage|medication|medicine|spray|troche|pill)s?\b|them\b)`;

const CHECKS: { reason: GuardReason; re: RegExp }[] = [
  // "0.5 mg/kg", "56 mg", "2-3 sprays", "two troches", "1 ml"
  {
    reason: 'dose_quantity',
    re: new RegExp(String.raw`(?<![\w.])${NUMBER}(?:\s*(?:-|–|to|or)\s*${NUMBER})?\s*-?\s*${UNIT}(?![a-z])`, 'iu'),
  },
  {
    reason: 'dose_per_weight',
    re: /\bmg\s*\/\s*kg\b|\b(?:mg|milligrams?|mcg|micrograms?) (?:per|a|each) (?:kg|kilo(?:gram)?s?|pound|lb)\b|\bper (?:kg|kilo(?:gram)?) of (?:body ?)?weight\b/iu,
  },
  {
    reason: 'dose_quantity',
    re: /\b(?:do not|don't|never) (?:take|use|exceed) more than\b|\bmaximum (?:daily )?dose (?:is|of)\b/iu,
  },
  {
    reason: 'dose_frequency',
    re: new RegExp(
      String.raw`\b${MED_VERB_ANY}\b.{0,30}\b(?:once|twice|three times|\d+ times|every \d+|every (?:other )?day|daily|per day|a day|nightly|each morning|each night)\b`,
      'iu',
    ),
  },
  // "You should take 2…", "you need to increase your dose", "I recommend taking…"
  {
    reason: 'personal_directive',
    re: new RegExp(
      String.raw`\b(?:you|u)\s+(?:should|must|need to|have to|ought to|can|could|may want to|might want to|will need to|'ll need to)\s+(?:${CHANGE_VERB}\s+${DOSE_OBJECT}|${MED_VERB}\s+${MED_OBJECT})`,
      'iu',
    ),
  },
  // Imperatives: "Take 1 ml…", "Skip your next dose" (but not "Take care!" or "Use a reputable provider").
  {
    reason: 'personal_directive',
    re: new RegExp(
      String.raw`^\W*(?:please |just |simply |then |now |so )?(?:${CHANGE_VERB}\s+${DOSE_OBJECT}|${MED_VERB}\s+${MED_OBJECT})`,
      'iu',
    ),
  },
  {
    reason: 'personal_directive',
    re: new RegExp(
      String.raw`\b${CHANGE_VERB} (?:your|the|my) (?:dose|dosage|amount|sprays?|troches?|lozenges?)\b`,
      'iu',
    ),
  },
  {
    reason: 'personal_directive',
    re: new RegExp(
      String.raw`\b(?:i|we) (?:would )?(?:recommend|suggest|advise)(?: that you)?\s+(?:you\s+)?(?:${MED_VERB_ANY}|${CHANGE_VERB})\b`,
      'iu',
    ),
  },
];

/**
 * The last line of defence: every outgoing sentence (answers included) is checked, and one that carries
 * a dose quantity, a dose per body weight, a dosing frequency or a personal medication directive must
 * not be sent. Deliberately narrow, so that ordinary article sentences ("you should eat a light meal",
 * "up to 12 infusions", "lasting around 40 minutes") pass; `test/safety/output-guard.test.ts` proves
 * both sides over the real articles and a dosing fixture.
 */
export function createOutputGuard(): OutputGuard & { reasonOf(sentence: string): GuardReason | undefined } {
  const reasonOf = (sentence: string): GuardReason | undefined => {
    const text = foldQuotes(sentence.normalize('NFKC'));
    return CHECKS.find(({ re }) => re.test(text))?.reason;
  };
  return { check: reasonOf, reasonOf };
}
