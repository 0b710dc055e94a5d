import {
  Activity,
  ActionTypes,
  addAIToActivity,
  type Attachment,
  type CardAction,
  type ClientCitation,
} from '@microsoft/agents-activity';
import { isAbsoluteUrl } from '../../articles/url.js';
import type { Citation, Reply } from '../../core/reply.js';
import { crisisLinks } from '../../safety/crisis-links.js';

/** Teams shows at most 80 characters of a citation title and 160 of its abstract. */
const TEAMS_TITLE_MAX = 80;
const TEAMS_ABSTRACT_MAX = 160;
/** The Sources card's excerpt: about two lines of a 400 px panel, so a one-sentence answer stays one screen. */
const EXCERPT_MAX = 140;
/** Bot Framework channels show a handful of suggested actions comfortably; more wrap badly on phones. */
const MAX_SUGGESTIONS = 4;

/** The Teams channel id; everything else (webchat, directline, emulator, ...) gets the generic rendering. */
export const TEAMS_CHANNEL = 'msteams';
/** This server's own Web Chat page (the bridge): same origin as the article pages, with a standing disclaimer. */
export const WEBCHAT_CHANNEL = 'webchat';

/** Facts about the reply the feedback handlers need later; travels in the thumbs actions and in state. */
export interface RenderedTurn {
  turnId: string;
  kind: string;
}

/**
 * Renders a Reply as one Bot Framework message activity for `channelId`. The text always keeps its `[n]`
 * markers. Teams gets AI citation entities, the AI label and its feedback loop; other channels get a compact
 * Adaptive Card listing the sources and Web Chat thumbs (schema.org Like/Dislike actions). Crisis replies, on every
 * channel, are one distinct card (see {@link crisisCard}) with tap-to-call buttons, and nothing else.
 */
export function renderReply(reply: Reply, channelId: string): Activity {
  if (reply.kind === 'crisis') return Activity.fromObject({ type: 'message', attachments: [crisisCard(reply.text)] });
  const text = channelId === WEBCHAT_CHANNEL ? linkMarkers(withoutFooter(reply), reply.citations) : reply.text;
  const activity = Activity.fromObject({ type: 'message', text, textFormat: 'markdown' });
  if (channelId === TEAMS_CHANNEL) {
    // The AI label belongs on text composed from the articles; policy texts (refusal, crisis) are fixed wording.
    if (reply.citations.length > 0 || reply.kind === 'answer' || reply.kind === 'no_answer') {
      addAIToActivity(activity, reply.citations.map(teamsCitation));
    }
    activity.channelData = { feedbackLoopEnabled: true };
  } else {
    if (reply.citations.length > 0) activity.attachments = [sourcesCard(reply.citations, channelId)];
    activity.entities = [thumbsEntity({ turnId: reply.meta.turnId, kind: reply.kind })];
  }
  const suggestions = (reply.suggestions ?? []).slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0) activity.suggestedActions = { to: [], actions: suggestions.map(imBack) };
  return activity;
}

/**
 * The crisis reply as an Adaptive Card (Web Chat and Teams): the text in an "attention" container so it stands
 * apart from ordinary bubbles, then one button per number: `tel:` to call, `sms:` to text 988, https for helplines
 * abroad. The emergency-first text gets the 911 button first. No AI label, feedback or suggestions: nothing may
 * crowd the numbers. Clients without card support show `fallbackText` (the full text).
 */
export function crisisCard(text: string): Attachment {
  const { emergencyFirst, links } = crisisLinks(text);
  const paragraphs = text.split(/\n{2,}/).map((p, i) => ({
    type: 'TextBlock',
    text: p,
    wrap: true,
    ...(i === 0 ? { weight: 'Bolder', size: emergencyFirst ? 'Large' : 'Medium' } : {}),
  }));
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.3',
      fallbackText: text,
      speak: text,
      body: [{ type: 'Container', style: 'attention', bleed: true, items: paragraphs }],
      actions: links.map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })),
    },
  };
}

/** One Teams AI citation: title, abstract = the verbatim quote (shortened to Teams' limit), position n. */
export function teamsCitation(citation: Citation): ClientCitation {
  return {
    '@type': 'Claim',
    position: citation.n,
    appearance: {
      '@type': 'DigitalDocument',
      name: shorten(citation.title, TEAMS_TITLE_MAX),
      abstract: shorten(citation.quote, TEAMS_ABSTRACT_MAX),
      keywords: [citation.docId.slice(0, 28)],
      // Teams opens it from the citation pop-up; a bare path would mean nothing there (PUBLIC_BASE_URL unset).
      ...(citation.url && isAbsoluteUrl(citation.url) ? { url: citation.url } : {}),
    },
  };
}

/**
 * A compact Adaptive Card: "Sources", then for each citation `[n] Title` (a link to the unit on its article page
 * when the channel can open it) and a short excerpt cut at a word, not the whole quote: the answer already says it.
 */
export function sourcesCard(citations: Citation[], channelId = WEBCHAT_CHANNEL): Attachment {
  const body: unknown[] = [{ type: 'TextBlock', text: 'Sources', weight: 'Bolder', size: 'Small', wrap: true }];
  for (const c of citations) {
    const url = openableUrl(c, channelId);
    const title = url ? `[${escapeMarkdown(c.title)}](${url})` : escapeMarkdown(c.title);
    body.push(
      { type: 'TextBlock', text: `[${c.n}] ${title}`, weight: 'Bolder', size: 'Small', wrap: true, spacing: 'Small' },
      {
        type: 'TextBlock',
        text: `“${escapeMarkdown(shorten(c.quote, EXCERPT_MAX))}”`,
        isSubtle: true,
        size: 'Small',
        wrap: true,
        spacing: 'None',
      },
    );
  }
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.3',
      // Clients without Adaptive Card support (some Direct Line clients) show this instead.
      fallbackText: sourcesMarkdown(citations),
      speak: `Sources: ${citations.map((c) => c.title).join('; ')}`,
      body,
    },
  };
}

/**
 * The citation's link as this channel can open it: absolute URLs anywhere; a bare path only in our own Web Chat
 * page, made document-relative (`articles/...`) so it also resolves behind a path prefix.
 */
export function openableUrl(citation: Citation, channelId: string): string | undefined {
  if (citation.url && isAbsoluteUrl(citation.url)) return citation.url;
  if (channelId === WEBCHAT_CHANNEL && citation.url?.startsWith('/')) return citation.url.slice(1);
  return undefined;
}

/** The text without the disclaimer line the core appended: Web Chat shows it once, under the input. */
export function withoutFooter(reply: Reply): string {
  const footer = reply.meta.footer;
  if (!footer) return reply.text;
  return reply.text.replace(`\n\n${footer}`, '').replace(footer, '').trim();
}

/** `[n]` markers as Markdown links to their source (Web Chat renders them as links that open the article). */
export function linkMarkers(text: string, citations: Citation[]): string {
  return text.replace(/\[(\d+)\](?!\()/g, (marker, n: string) => {
    const citation = citations.find((c) => c.n === Number(n));
    const url = citation && openableUrl(citation, WEBCHAT_CHANNEL);
    return url ? `[${marker}](${url} "Source ${n}: ${citation.title.replace(/"/g, "'")}")` : marker;
  });
}

/** Keeps a title or excerpt literal inside card Markdown (`*`, `_`, brackets would otherwise format or link). */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]])/g, '\\$1');
}

/** The same list as Markdown, for clients that cannot render cards. */
export function sourcesMarkdown(citations: Citation[]): string {
  return ['**Sources**', ...citations.map((c) => `[${c.n}] **${c.title}** — “${c.quote}”`)].join('\n\n');
}

/**
 * Web Chat 4.18 shows thumbs up/down under a message whose root schema.org Message entity (`@id: ""`) lists
 * Like/Dislike actions; a click posts an event carrying the clicked action. The action's `@id` carries the
 * turn id and `description` the reply kind, so the feedback needs no server-side lookup.
 */
export function thumbsEntity(turn: RenderedTurn): Record<string, unknown> & { type: string } {
  const action = (type: 'LikeAction' | 'DislikeAction') => ({
    '@type': type,
    '@id': turn.turnId,
    description: turn.kind,
    actionStatus: 'PotentialActionStatus',
  });
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    potentialAction: [action('LikeAction'), action('DislikeAction')],
  };
}

/** A suggested question as a button that sends its text as the user's message. */
export function imBack(question: string): CardAction {
  return { type: ActionTypes.ImBack, title: question, value: question };
}

/** Keeps whole words when it can and marks the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
