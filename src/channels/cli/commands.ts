/** What a line typed in `npm run chat` is: a command the CLI handles itself, or a message for the bot. */
export type ChatLine =
  | { type: 'help' | 'new' | 'sources' | 'quit' }
  | { type: 'unknown'; command: string }
  | { type: 'message'; text: string };

/** The commands `/help` lists (aliases after the first name). */
export const COMMANDS: { names: string[]; type: 'help' | 'new' | 'sources' | 'quit'; does: string }[] = [
  { names: ['/help', '/?'], type: 'help', does: 'show these commands' },
  { names: ['/new'], type: 'new', does: 'start a new conversation (forget earlier questions)' },
  { names: ['/sources'], type: 'sources', does: 'list the five articles the answers come from' },
  { names: ['/quit', '/exit'], type: 'quit', does: 'leave (Ctrl-D works too)' },
];

/** Reads one line: commands never reach the bot, so `/help` is not answered as small talk. */
export function parseChatLine(line: string): ChatLine {
  const text = line.trim();
  if (!text.startsWith('/')) return { type: 'message', text };
  const name = text.split(/\s+/)[0]?.toLowerCase() ?? text;
  const command = COMMANDS.find((c) => c.names.includes(name));
  return command ? { type: command.type } : { type: 'unknown', command: name };
}

/** The text `/help` prints. */
export function helpText(): string {
  const rows = COMMANDS.map((c) => `- ${c.names.join(', ')}: ${c.does}`);
  return ['Commands:', ...rows, '', 'Anything else is a question for the bot.'].join('\n');
}
