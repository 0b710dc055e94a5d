import { isAbsoluteUrl } from '../../articles/url.js';
import type { Citation, Reply } from '../../core/reply.js';
import { crisisLinks } from '../../safety/crisis-links.js';
import { ACTION_IDS, MAX_VALUE_QUESTION_CHARS, encodeValue } from './action-values.js';
import { escapeMrkdwn, markdownToMrkdwn, splitText, truncate } from './mrkdwn.js';

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  blocksPerMessage: 50,
  contextElements: 10,
  buttonText: 75,
  /** `text` may be longer, but notifications show only the start; keep it readable. */
  fallbackText: 3000,
} as const;

/** Most suggested-question buttons under one answer. */
const MAX_SUGGESTIONS = 5;

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface ButtonElement {
  type: 'button';
  text: { type: 'plain_text'; text: string; emoji: true };
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
  accessibility_label?: string;
}
export type SlackBlock =
  | { type: 'header'; block_id?: string; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'divider'; block_id?: string }
  | { type: 'section'; block_id?: string; text: TextObject }
  | { type: 'context'; block_id?: string; elements: TextObject[] }
  | { type: 'actions'; block_id: string; elements: ButtonElement[] };

/** One `chat.postMessage` / response_url payload: blocks plus the fallback `text` notifications show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Options for {@link renderReply}. */
export interface RenderOptions {
  /** Echo the question above the answer when it is not visible next to it (button clicks, posted answers). */
  asked?: {
    question: string /** Slack user id of the asker; omitted for "You asked" in private replies. */;
    by?: string;
  };
  /** Offer "Post to channel" (private `/ketamine` answers); carries the question so a restart can re-ask. */
  postToChannel?: { question: string };
  /** Feedback and suggestion buttons; default true. */
  interactive?: boolean;
}

/**
 * Renders one bot reply as Slack messages (normally one; more only when the text exceeds 50 blocks).
 * Answers: text with `[n]` markers, a sources context, suggestion buttons, thumbs. Refusals: the text,
 * flagged, with the same buttons. Crisis: a distinct block of its own ({@link crisisBlocks}), no buttons to
 * distract from it.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const body = markdownToMrkdwn(reply.text);
  if (reply.kind === 'crisis')
    return [{ text: truncate(body, SLACK_LIMITS.fallbackText), blocks: crisisBlocks(reply.text) }];

  const blocks: SlackBlock[] = [];
  if (options.asked) blocks.push(askedBlock(options.asked));
  blocks.push(...sections(reply.kind === 'refusal' ? `:warning: ${body}` : body));
  blocks.push(...sourceBlocks(reply.citations));
  if (options.interactive !== false) {
    blocks.push(...suggestionBlocks(reply.suggestions ?? [], reply.conversationId));
    blocks.push(feedbackBlock(reply, options.postToChannel));
  }
  return paginate(blocks, body);
}

/** A short notice (help, still starting, errors) as one section. */
export function renderNotice(text: string, suggestions: string[] = [], conversationId?: string): SlackMessage {
  const body = markdownToMrkdwn(text);
  return {
    text: truncate(body, SLACK_LIMITS.fallbackText),
    blocks: [...sections(body), ...suggestionBlocks(suggestions, conversationId)],
  };
}

/**
 * The crisis reply, set apart from answers: a header (911 first when someone is in danger now), the text, and the
 * numbers as links (`tel:` to call, `sms:` to text 988, https for helplines abroad) between dividers.
 */
export function crisisBlocks(text: string): SlackBlock[] {
  const { emergencyFirst, links } = crisisLinks(text);
  const header = emergencyFirst ? ':rotating_light: Call 911 now' : ':sos: Help is available right now';
  const linked = links.map((l) => `<${l.url}|${escapeMrkdwn(l.title)}>`).join('   •   ');
  return [
    { type: 'header', block_id: 'ketamine_crisis', text: { type: 'plain_text', text: header, emoji: true } },
    ...sections(markdownToMrkdwn(text)),
    { type: 'divider' },
    { type: 'section', block_id: 'ketamine_crisis_links', text: { type: 'mrkdwn', text: linked } },
  ];
}

function sections(mrkdwn: string): SlackBlock[] {
  return splitText(mrkdwn, SLACK_LIMITS.sectionText).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

function askedBlock(asked: NonNullable<RenderOptions['asked']>): SlackBlock {
  const who = asked.by ? `<@${asked.by}> asked` : 'You asked';
  const text = truncate(`${who}: _${escapeMrkdwn(asked.question)}_`, SLACK_LIMITS.sectionText);
  return { type: 'context', block_id: 'ketamine_asked', elements: [{ type: 'mrkdwn', text }] };
}

/**
 * `[n] *title* — "quote"`, ten per context block (Slack's element limit). The title links to the unit on its
 * article page when the url is absolute (PUBLIC_BASE_URL set); Slack cannot open a bare path.
 */
function sourceBlocks(citations: Citation[]): SlackBlock[] {
  if (citations.length === 0) return [];
  const elements: TextObject[] = [
    { type: 'mrkdwn', text: citations.length === 1 ? '*Source*' : '*Sources*' },
    ...citations.map(
      (c): TextObject => ({
        type: 'mrkdwn',
        text: truncate(`[${c.n}] ${sourceTitle(c)} — "${escapeMrkdwn(c.quote)}"`, SLACK_LIMITS.sectionText),
      }),
    ),
  ];
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.contextElements) {
    blocks.push({
      type: 'context',
      block_id: `ketamine_sources_${blocks.length}`,
      elements: elements.slice(i, i + SLACK_LIMITS.contextElements),
    });
  }
  return blocks;
}

function sourceTitle(c: Citation): string {
  const title = `*${escapeMrkdwn(c.title)}*`;
  // `|` and `>` end a Slack link; a url from citationUrl never has them, but a title may.
  return c.url && isAbsoluteUrl(c.url) && !/[|>\s]/.test(c.url) ? `<${c.url}|${title}>` : title;
}

function suggestionBlocks(suggestions: string[], conversationId: string | undefined): SlackBlock[] {
  const picked = suggestions.filter((s) => s.trim() !== '').slice(0, MAX_SUGGESTIONS);
  if (picked.length === 0) return [];
  return [
    {
      type: 'context',
      block_id: 'ketamine_suggestions_label',
      elements: [{ type: 'mrkdwn', text: '*Related questions*' }],
    },
    {
      type: 'actions',
      block_id: 'ketamine_suggestions',
      elements: picked.map((question, i) =>
        button(
          `${ACTION_IDS.suggestion}_${i}`,
          question,
          encodeValue({ q: truncate(question, MAX_VALUE_QUESTION_CHARS), c: conversationId }),
        ),
      ),
    },
  ];
}

function feedbackBlock(reply: Reply, post: RenderOptions['postToChannel']): SlackBlock {
  const rated = encodeValue({ t: reply.meta.turnId, k: reply.kind, c: reply.conversationId });
  const elements: ButtonElement[] = [
    { ...button(ACTION_IDS.thumbsUp, ':+1: Helpful', rated), accessibility_label: 'This answer was helpful' },
    { ...button(ACTION_IDS.thumbsDown, ':-1: Not helpful', rated), accessibility_label: 'This answer was not helpful' },
  ];
  if (post) {
    const value = encodeValue({
      t: reply.meta.turnId,
      q: truncate(post.question, MAX_VALUE_QUESTION_CHARS),
      c: reply.conversationId,
    });
    elements.unshift({ ...button(ACTION_IDS.postToChannel, 'Post to channel', value), style: 'primary' as const });
  }
  return { type: 'actions', block_id: 'ketamine_feedback', elements };
}

function button(actionId: string, label: string, value: string): ButtonElement {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(label, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
  };
}

/** Splits blocks into messages of at most 50; each gets a fallback `text` (the first carries the answer). */
function paginate(blocks: SlackBlock[], body: string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += SLACK_LIMITS.blocksPerMessage) {
    const text = i === 0 ? truncate(body, SLACK_LIMITS.fallbackText) : '(continued)';
    messages.push({ text, blocks: blocks.slice(i, i + SLACK_LIMITS.blocksPerMessage) });
  }
  return messages;
}
