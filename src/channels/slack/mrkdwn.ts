/** Slack treats only these three characters as control characters in message text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const CODE = /```[\s\S]*?```|`[^`\n]+`/g;
// Private-use characters as placeholders: they never occur in the bot's Markdown.
const CODE_MARK = '\uE000';
const BOLD_MARK = '\uE001';

/**
 * Hand-written on purpose. `slackify-markdown` 5.0.0 (the maintained option) was tried against
 * `test/channels/slack/mrkdwn.test.ts`: it leaves `<!channel>` and `<`/`>`/`&` unescaped (any answer text could
 * ping a whole channel or forge a link), wraps emphasis in zero-width spaces, and renders a list as "•" then "-"
 * items with blank lines between them. Escaping first does not help: its Markdown parser decodes `&lt;` again.
 *
 * The bot's Markdown → Slack mrkdwn: `**bold**` → `*bold*`, `*em*`/`_em_` → `_em_`, `[label](url)` →
 * `<url|label>`, headings → bold lines, bullets → "•". `[n]` citation markers pass through untouched.
 * Everything is escaped first, so text can never smuggle in `<!channel>` or a fake link.
 */
export function markdownToMrkdwn(markdown: string): string {
  const codes: string[] = [];
  let text = markdown.replace(CODE, (match) => {
    codes.push(match);
    return `${CODE_MARK}${codes.length - 1}${CODE_MARK}`;
  });
  text = escapeMrkdwn(text);
  text = text.replace(
    /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g,
    (_m, label: string, url: string) => `<${url}|${label}>`,
  );
  text = text.replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm, `${BOLD_MARK}$1${BOLD_MARK}`);
  text = text.replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ');
  text = text.replace(
    /\*\*(?=\S)([^*\n]+?)\*\*|__(?=\S)([^_\n]+?)__/g,
    (_m, a?: string, b?: string) => `${BOLD_MARK}${a ?? b ?? ''}${BOLD_MARK}`,
  );
  text = text.replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)\*(?!\w)/g, '$1_$2_');
  text = text.replace(/~~(?=\S)([^~\n]+?)~~/g, '~$1~');
  text = text.replaceAll(BOLD_MARK, '*');
  return text.replace(new RegExp(`${CODE_MARK}(\\d+)${CODE_MARK}`, 'g'), (_m, i: string) =>
    escapeMrkdwn(codes[Number(i)] ?? ''),
  );
}

/**
 * A Slack message's text → the plain question the bot should answer: the bot's own mention is removed,
 * other mentions become their labels (or vanish), links become their labels, and entities are decoded.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<@([UWB][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) =>
      id === botUserId || !label ? ' ' : `@${label}`,
    )
    .replace(/<#[CGD][A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => (label ? `#${label}` : ' '))
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? ' ')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<![^>]*>/g, ' ')
    .replace(
      /<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g,
      (_m, url: string, label?: string) => label || url.replace(/^mailto:/, ''),
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `text` mentions someone other than the bot (a thread reply addressed to a colleague). */
export function mentionsSomeoneElse(text: string, botUserId?: string): boolean {
  for (const match of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) {
    if (match[1] !== botUserId) return true;
  }
  return false;
}

/** True when `text` mentions the bot (Slack also sends an `app_mention` event for it). */
export function mentionsBot(text: string, botUserId?: string): boolean {
  return botUserId !== undefined && new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`).test(text);
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then line, then sentence,
 * then word boundaries, so a long answer becomes several readable sections rather than a rejected one.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut =
      lastBreak(window, /\n\n/g, max) ??
      lastBreak(window, /\n/g, max) ??
      lastBreak(window, /[.!?][)\]"'”]?\s/g, max) ??
      lastBreak(window, /\s/g, max) ??
      max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces.filter((piece) => piece !== '');
}

/** End index (exclusive, ≤ max) of the last match of `pattern` in `window`, ignoring breaks too close to the start. */
function lastBreak(window: string, pattern: RegExp, max: number): number | undefined {
  let best: number | undefined;
  for (const match of window.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (end <= max && end > max / 3) best = end;
  }
  return best;
}

/** Cuts `text` to at most `max` characters, ending with "…" when it had to cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
