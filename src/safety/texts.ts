import type { RefusalCategory } from '../core/reply.js';

/**
 * The policy's fixed reply texts (Markdown, no `[n]` markers). Phone numbers are written plainly; channels turn the
 * crisis reply into a card with tap-to-call (`tel:`) and text (`sms:`) buttons (see `crisis-links.ts`).
 */
export const TEXTS = {
  /** Someone is in danger now (not breathing, unresponsive, overdosed): the first line says to call for help. */
  emergency: `**Call 911 (or your local emergency number) now.** If someone isn't breathing, won't wake up or has taken too much, emergency services can help right away.

- Stay with them. If they are unresponsive but breathing, lay them on their side; don't give them anything else to take.
- **988** (call or text, US) is for suicidal thoughts or emotional crisis; outside the US, find a helpline at **findahelpline.com**.

I'm only an information bot, but the people at these numbers can help you right now.`,
  /** Suicidal thoughts, self-harm, despair. */
  crisis: `I'm really sorry you're going through this. You don't have to face it alone, and people are ready to help right now.

- **In the US:** call or text **988** (Suicide & Crisis Lifeline), any time, free and confidential.
- **In an emergency**, or if someone has taken too much of something or isn't responding: call **911** or your local emergency number now.
- **Outside the US:** find a free, confidential helpline in your country at **findahelpline.com**, or call your local emergency number.

If you can, reach out to someone you trust and stay close to them. I'm only an information bot, but the people at these numbers can help you right now.`,
  /** The middle tier: added to whatever the bot would otherwise send. */
  support:
    "_If you're going through a hard time, you don't have to face it alone: call or text **988** (US), or call **911** or your local emergency number if you or someone else is in danger._",
  /** A question the bot cannot read (not English). */
  notEnglish:
    'Sorry, I can only answer in English, about ketamine therapy. If you or someone else is in danger, call your local emergency number now (**911** in the US, **112** in Europe); if you are thinking about suicide, call or text **988** (US) or find a helpline at **findahelpline.com**.',
  refusal: {
    dosing:
      "I can't give dosing information: not amounts, not how often, and not changes to a dose. A safe dose of ketamine depends on your health, body, other medicines and how you respond, so only the prescriber or clinic supervising your treatment can set or adjust it. Please ask them directly.",
    medical_advice:
      "I can't advise on your own treatment: whether ketamine suits you or someone you care for, whether to start, stop or combine it with other medicines, or what a symptom means. That depends on a full medical history, so please talk it through with your prescriber, psychiatrist or doctor. If a symptom feels severe or sudden, contact your care team or your local emergency number.",
    illegal_use:
      "I can't help with getting ketamine without a prescription, buying or making it, or using it recreationally. Ketamine is a controlled substance: outside a supervised medical setting its strength and purity are unknown and nobody is there to keep you safe. If you're interested in ketamine treatment, a licensed clinician can tell you whether it's an option for you. If you're struggling with drug use, the SAMHSA National Helpline (US, free and confidential) is at 1-800-662-4357.",
  } satisfies Record<RefusalCategory, string>,
  /** General (not personal) questions whose cited passages may follow a refusal. */
  generalQuery: {
    dosing: 'how is ketamine administered during treatment',
    medical_advice: 'talking to your healthcare provider about ketamine treatment',
    illegal_use: 'is ketamine a controlled substance that needs a prescription',
  } satisfies Record<RefusalCategory, string>,
  outOfScope:
    'I can only answer questions about ketamine and ketamine therapy, using five articles on the topic: what ketamine is, how treatment works, its side effects and risks, and who it may not suit. That question is outside what I cover. You could ask me, for example:',
  smalltalk: {
    greeting:
      "Hi! I answer questions about ketamine therapy from five published articles, and I cite the passages I use. I can't give doses or personal medical advice. You could start with one of these:",
    thanks: "You're welcome. If anything else about ketamine therapy is on your mind, just ask.",
    about:
      "I'm an FAQ bot about ketamine therapy. I answer only from five published articles and show the passages I quote, so you can check them. I can explain what ketamine is, how treatment sessions work, common side effects and risks, and who should not use it. I can't give doses, advise on your own treatment, or help getting ketamine outside a prescription, and I'm not a substitute for a clinician. Some questions I can answer:",
    goodbye: 'Take care! Come back any time you have a question about ketamine therapy.',
  },
  suggestions: [
    'How long does a ketamine infusion session last?',
    'What are the most common side effects of ketamine?',
    'Is ketamine addictive?',
  ],
} as const;

export type SmalltalkReply = keyof typeof TEXTS.smalltalk;

/**
 * Which smalltalk reply fits. The classifier only says "smalltalk"; picking the wording is not a safety decision,
 * so a few words are enough, and anything else gets the "about" reply (which lists what the bot does).
 */
export function smalltalkReply(text: string): SmalltalkReply {
  const t = text.toLowerCase();
  if (/\b(thanks?|thx|ty|cheers|appreciate)\b/.test(t)) return 'thanks';
  if (/\b(bye|goodbye|see (you|ya)|good night|later)\b/.test(t)) return 'goodbye';
  if (/^\W*(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening))\b/.test(t) && t.split(/\s+/).length <= 4)
    return 'greeting';
  return 'about';
}
