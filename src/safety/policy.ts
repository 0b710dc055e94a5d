import type { Embeddings } from '@langchain/core/embeddings';
import type { Conversation } from '../core/conversation.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../logger.js';
import { wordCount } from '../text/tokenize.js';
import { decideLabel } from './classifier/decide.js';
import { loadSafetyModel, type SafetyClassification, type SafetyModel } from './classifier/model.js';
import { readingsOf } from './deobfuscate.js';
import { loadLexicon, QUESTION, type Lexicon } from './lexicon.js';
import { clausesOf, unreadable, worriedQuestion } from './message-shape.js';
import { isRefusal, toDecision, type Verdict } from './replies.js';
import { BUNDLED_RULES_FILE, firstRule, loadRules, type Rule } from './rules.js';
import { STOPWORDS } from '../text/stopwords.js';
import { foldText } from './classifier/features.js';
import { loadSeeds } from './classifier/training-data.js';
import { TEXTS } from './texts.js';
import { spelledForClassifier } from './spelled-text.js';
import { withTopicWords } from './topic-words.js';
import type { SafetyPolicy } from './types.js';
import { POINTS_BACK } from '../text/points-back.js';

/**
 * A message this short after an earlier turn may lean on it ("just a rough number?", "can I still do it?"): it is
 * also classified joined to the previous message. 12 words covers the dev set's split requests; longer messages
 * carry their own context.
 */
const FOLLOW_UP_WORDS = 12;
/** The joined reading decides only when the message alone is not a confident general question (dev cases). */
const CONFIDENT_GENERAL = 0.7;

/** Options for {@link createSafetyPolicy}. */
export interface SafetyPolicyOptions {
  /** USE-lite, as for the index: embeds decoded readings, joined follow-ups, and the message when no vector is given. */
  embeddings: Embeddings;
  /** The trained classifier. Default: the committed weights (stale weights throw, like a stale index). */
  model?: SafetyModel;
  /** High-precision rules file. Default: the bundled `src/safety/rules.yaml`. */
  rulesFile?: string;
  /** Multilingual crisis lexicon. Default: the bundled `src/safety/lexicon.yaml`. */
  lexicon?: Lexicon;
  /** Receives `policy_decision` (info, no user text). */
  logger?: Logger;
  /** Three example questions the articles answer, offered with out_of_scope and smalltalk replies. */
  exampleQuestions?: () => string[];
}

/** A ready policy plus what it was built from. */
export interface LoadedSafetyPolicy extends SafetyPolicy {
  readonly rules: readonly Rule[];
  extraTexts(message: string, conversation: Conversation): string[];
}

interface Reading {
  text: string;
  result: SafetyClassification;
}

/** The most probable refusal among the readings, if any reading's label is a refusal. */
function strongestRefusal(readings: Reading[]): Reading | undefined {
  const refusals = readings.filter((r) => isRefusal(r.result.label));
  return refusals.sort((a, b) => b.result.probabilities[b.result.label] - a.result.probabilities[a.result.label])[0];
}

/**
 * Builds the safety policy every channel shares. Order encodes the policy: crisis first (lexicon in any language,
 * then the trained crisis detector over every reading of the message), then the high-precision rules, then other
 * languages, then the trained category classifier with abstention (uncertain → retrieval), with a short follow-up
 * also judged joined to the previous message. Possible crisis adds the supportive line to whatever is sent.
 */
export function createSafetyPolicy(options: SafetyPolicyOptions): LoadedSafetyPolicy {
  const model = options.model ?? loadSafetyModel();
  const rules = loadRules(options.rulesFile ?? BUNDLED_RULES_FILE);
  const lexicon = options.lexicon ?? loadLexicon();
  const logger = options.logger ?? silentLogger;
  const suggestions = () => {
    const fromApp = (options.exampleQuestions?.() ?? []).filter((q) => q.trim() !== '').slice(0, 3);
    return fromApp.length > 0 ? fromApp : [...TEXTS.suggestions];
  };
  // Words of the training prompts and stop words: what spaced-out letters are split back into.
  const vocabulary = new Set([...STOPWORDS, ...loadSeeds().flatMap((s) => foldText(s.text).split(' '))]);
  // The readings' vectors: those the turn already embedded with the message (one model call per turn, issue 11),
  // and one batched call for any it did not (a caller that did not ask `extraTexts`).
  const embedAll = async (texts: string[], given: ReadonlyMap<string, readonly number[]> | undefined) => {
    const missing = [...new Set(texts.filter((t) => !given?.has(t)))];
    const fresh = missing.length ? await options.embeddings.embedDocuments(missing) : [];
    const byText = new Map(missing.map((t, i) => [t, fresh[i] as readonly number[]]));
    return texts.map((t) => given?.get(t) ?? (byText.get(t) as readonly number[]));
  };
  /** A short message after an earlier turn, read joined to it: its joined text (used only on some verdicts). */
  const joinedCandidate = (message: string, conversation: Conversation) => {
    const previous = conversation.turns.at(-1);
    return previous && wordCount(message) <= FOLLOW_UP_WORDS ? `${previous.message} ${message}` : undefined;
  };

  async function judge(
    message: string,
    conversation: Conversation,
    vector: readonly number[],
    given: ReadonlyMap<string, readonly number[]> | undefined,
    spelled = message,
  ): Promise<Verdict> {
    const others = readingsOf(message, vocabulary);
    const texts = [message, ...others];
    const emergency = texts.some((t) => lexicon.emergency(t));
    if (emergency || texts.some((t) => lexicon.crisis(t))) return { label: 'crisis', rule: 'lexicon', emergency };
    // Despair in the message's own words ("whats the point anyway", "i'm done. with everything."), or a language
    // the bot cannot read: never downgraded by its context, and always at least the supportive line.
    const despairCue = texts.some((t) => lexicon.despair(t));
    const language = lexicon.foreignLanguage(message);
    const unknownLanguage = unreadable(message, vocabulary);
    // The English detector cannot read another language, so a despair cue there is not ruled out by it: the crisis
    // reply (dev: "ya no le veo sentido a nada…" and "yaşamanın hiçbir anlamı yok" got the English-only reply).
    if (despairCue && (language || unknownLanguage))
      return { label: 'crisis', rule: `lexicon:despair:${language ?? 'unreadable'}` };
    const despair = despairCue || unknownLanguage;

    // The n-grams read the text the vector embeds (the spelling-corrected one, when the turn gives it).
    const own = model.classify(vector, spelled);
    const clauses = clausesOf(message);
    const previous = conversation.turns.at(-1);
    // A short follow-up is also read joined to the turn before it, when the message alone is not a confident general
    // question or looks like a crisis: "just a rough number?" after a dosing question, "and that lasts how long?"
    // after "what happens during an infusion" (alone, the detector took it for despair on dev data).
    const joinedText =
      // (a message refused on its own never uses the joined reading: skip its embedding)
      (own.probabilities.general < CONFIDENT_GENERAL && !isRefusal(own.label)) || own.crisisTier === 'crisis'
        ? joinedCandidate(message, conversation)
        : undefined;
    // Every extra reading (decoded, clauses, joined): normally embedded by the turn in the message's own model call
    // (`extraTexts`, issue 11); otherwise in one batched call, none on the usual path (a plain message with no
    // previous turn or a confident general one).
    const extra = [...others, ...clauses, ...(joinedText ? [joinedText] : [])];
    const extraVectors = await embedAll(extra, given);
    const classifyAt = (i: number) => model.classify(extraVectors[i] as readonly number[], extra[i] as string);
    const readings: Reading[] = texts.map((text, i) => ({ text, result: i === 0 ? own : classifyAt(i - 1) }));
    const joined = joinedText ? classifyAt(extra.length - 1) : undefined;
    // An obfuscated message is judged by the detector on its decoded readings only: spaced letters or base64 are no
    // wording, and alone they looked like despair to it (dev: "h o w  m u c h …" got the crisis reply).
    const crisis = readings.find((r, i) => (i > 0 || others.length === 0) && r.result.crisisTier === 'crisis');
    // Crisis from a short follow-up alone needs its context not to contradict it: after an answered question, a
    // joined reading with no crisis signal at all downgrades it to the supportive line (resources still shown) —
    // unless the message carries despair of its own. The joined reading dilutes a short despairing message in the
    // ordinary question before it (dev: "whats the point anyway", "no one would miss me" after a question were
    // downgraded), so it may only overrule a message with no despair cue ("can I drive myself afterwards?").
    // Only a question is overruled: a statement ("no one would miss me") is about the writer, not the last answer.
    const unconfirmed =
      crisis === readings[0] &&
      previous?.kind === 'answer' &&
      joined?.crisisTier === 'none' &&
      !despair &&
      QUESTION.test(message);
    // The English detector reads another language's words as noise and took plain refusals for despair (dev:
    // "wie oft darf ich das Nasenspray nehmen" got the crisis reply). A message in another language with a refusal
    // cue, no crisis phrase (the lexicon, checked above, covers those languages) and no despair cue is refused in its
    // category instead, with the supportive line.
    const foreignRefusal = language !== undefined && !despair && lexicon.refusal(message) !== undefined;
    const worried = crisis === readings[0] && !despair && worriedQuestion(message);
    if (crisis && !unconfirmed && !worried && !foreignRefusal)
      return { label: 'crisis', rule: 'model:crisis', score: crisis.result.crisisProbability };
    if (unconfirmed || worried)
      (readings[0] as Reading).result = { ...own, label: decideLabel(own.probabilities, 'possible', model.thresholds) };
    // Crisis detector per clause: a clause out of its sentence ("I'm new here.") is not sure enough for the crisis
    // reply alone (dev: it sent greetings and "how do I get it for my depression?" to crisis), so it earns the
    // supportive line. A later clause with a despair cue of its own is a crisis added to a question ("…? honestly
    // whats the point anymore"), and crisis wins; an opening one is not (dev: "I'm done with my first round of
    // infusions, what next?" and "goodbye for now, thanks" are ordinary).
    const crisisAt = clauses.map((_, i) => classifyAt(others.length + i).crisisTier === 'crisis');
    if (clauses.some((c, i) => i > 0 && crisisAt[i] && lexicon.despair(c)))
      return { label: 'crisis', rule: 'model:crisis:clause' };
    const clauseCrisis = crisisAt.includes(true);
    const possibleCrisis =
      unconfirmed || worried || despair || clauseCrisis || readings.some((r) => r.result.crisisTier !== 'none');

    const rule = firstRule(rules, texts);
    if (rule) return { label: rule.label, rule: `rule:${rule.id}`, possibleCrisis };

    const refusal = strongestRefusal(readings);
    if (language) {
      // The lexicon's cue first, else the classifier, which has other-language seeds (dev: German and Spanish
      // refusals without a lexicon cue got the bare "English only" reply).
      const cue = lexicon.refusal(message) ?? (refusal ? refusal.result.label : undefined);
      return cue
        ? { label: cue, rule: `lexicon:${language}`, possibleCrisis }
        : { label: 'not_english', rule: `language:${language}` };
    }

    const followUp = previous && !refusal && wordCount(message) <= FOLLOW_UP_WORDS ? previous : undefined;
    if (followUp) {
      const pairText = `${followUp.message} ${message}`;
      // The rules read the pair too: "I take lorazepam." then "could that clash with it?". They cost no embedding.
      // Only a rule the earlier message does not match alone: a refused question followed by "and the side effects?"
      // is not a second refusal.
      const pairRule = firstRule(rules, [pairText]);
      if (pairRule && !pairRule.re.test(followUp.message))
        return { label: pairRule.label, rule: `context:rule:${pairRule.id}`, possibleCrisis };
    }
    if (followUp && joined && own.probabilities.general < CONFIDENT_GENERAL) {
      // Crisis from context only when the message itself already leans that way (a refusal plus "come on" is not),
      // and, after an answered question, only with despair of its own: the answered turn was judged no crisis, so a
      // crisis in the joined reading came from its topic (dev: "how quickly?" after "does ketamine help suicidal
      // thoughts?" got the crisis reply). The supportive line still shows.
      const contextCrisis = followUp.kind !== 'answer' || despair;
      if (joined.crisisTier === 'crisis' && possibleCrisis && contextCrisis)
        return { label: 'crisis', rule: 'context:crisis' };
      if (isRefusal(joined.label)) return { label: joined.label, rule: 'context:joined', possibleCrisis };
      // A follow-up inherits the conversation's topic: "what about with zoloft?" is not off-topic after an answer,
      // and neither is one that points back at it ("what's its half-life?" after "what is ketamine?": the detector
      // was sure half-lives are another medicine's topic), however sure the detector is alone.
      const unsure = own.probabilities.out_of_scope < CONFIDENT_GENERAL || POINTS_BACK.test(message);
      if (own.label === 'out_of_scope' && unsure && joined.label === 'general' && followUp.kind === 'answer')
        return { label: 'general', rule: 'context:topic', possibleCrisis };
    }
    const best = refusal ?? (readings[0] as Reading);
    return {
      label: best.result.label,
      rule: best === readings[0] ? 'model' : 'variant:model',
      possibleCrisis,
      score: best.result.probabilities[best.result.label],
    };
  }

  return {
    rules,
    // Every text `judge` may embed besides the message: they depend only on the message and the previous turn, so
    // the turn embeds them with the message in one model call. The joined reading is included whenever it might be
    // used (whether it is depends on the message's own verdict, known only after the embedding).
    extraTexts(typed, conversation) {
      // The message as `judge` reads it (product-word typos rewritten, as in classify), so the texts match.
      const message = withTopicWords(typed, { keepForeign: lexicon.foreignLanguage(typed) !== undefined });
      const joined = joinedCandidate(message, conversation);
      return [...readingsOf(message, vocabulary), ...clausesOf(message), ...(joined ? [joined] : [])];
    },
    async classify(message, conversation, classifyOptions = {}) {
      const vector = classifyOptions.vector ?? (await options.embeddings.embedQuery(message));
      // The product's own words as the articles spell them ("ketameen" → "ketamine"): see topic-words.ts.
      const keepForeign = lexicon.foreignLanguage(message) !== undefined;
      const corrected = classifyOptions.spelled && classifyOptions.vector ? classifyOptions.spelled : message;
      const spelled = spelledForClassifier(message, corrected, vocabulary);
      const verdict = await judge(
        withTopicWords(message, { keepForeign }),
        conversation,
        vector,
        classifyOptions.vectors,
        withTopicWords(spelled, { keepForeign }),
      );
      const decision = toDecision(verdict, message, suggestions);
      // Privacy: labels and numbers only at info; never the message.
      logger.info('policy_decision', {
        action: decision.action,
        kind: decision.action === 'reply' ? decision.kind : 'pass',
        ...(decision.action === 'reply' && decision.category ? { category: decision.category } : {}),
        rule: verdict.rule,
        possibleCrisis: verdict.possibleCrisis === true,
        ...(verdict.score !== undefined ? { score: Math.round(verdict.score * 1000) / 1000 } : {}),
        conversationId: conversation.id,
      });
      return decision;
    },
  };
}
