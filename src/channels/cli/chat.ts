/** `npm run chat`: interactive multi-turn chat in the terminal. `/help` lists the commands. */
import { createInterface } from 'node:readline/promises';
import { createBot } from '../../chat/create-bot.js';
import { newConversation } from '../../core/conversation.js';
import { toReplyBody } from '../../core/reply.js';
import { runCli } from '../../cli-support.js';
import { getConfig } from '../../config/env.js';
import { createLogger } from '../../logger.js';
import { MAX_MESSAGE_CHARS } from '../../core/message.js';
import { sourcesReplyText } from '../../chat/sources-intent.js';
import { helpText, parseChatLine } from './commands.js';
import { renderForTerminal, terminalWidth, wantsColor } from './render.js';
import { wrapText } from './wrap.js';

/** "bot> " and the indent that keeps a wrapped reply under it. */
const BOT_PREFIX = 'bot> ';
const BOT_INDENT = ' '.repeat(BOT_PREFIX.length);

await runCli(async () => {
  const config = getConfig();
  const logger = createLogger({
    level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    write: (l) => process.stderr.write(`${l}\n`),
  });
  const color = wantsColor(process.stdout);
  // Read per print: the user may resize the window mid-chat.
  const width = () => terminalWidth(process.stdout);
  const say = (text: string) => console.log(wrapText(text, width()).join('\n'));
  // The first line after "bot> ", the rest indented under it (blank lines stay empty: no trailing spaces).
  const sayAsBot = (text: string) =>
    console.log(
      `\n${text
        .split('\n')
        .map((l, i) => (i === 0 ? BOT_PREFIX + l : l === '' ? '' : BOT_INDENT + l))
        .join('\n')}\n`,
    );
  /** Wraps plain text to the room left after "bot> ". */
  const botText = (text: string) => wrapText(text, width() - BOT_PREFIX.length).join('\n');
  console.log('Loading the articles…');
  const bot = await createBot({ config, logger });
  let conversation = newConversation();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  say(
    'Ask about ketamine therapy. Answers come only from five published articles, with sources.\n\nTry:\n' +
      `${bot
        .exampleQuestions(3)
        .map((q) => `- ${q}`)
        .join('\n')}\n\nType /help for the commands, /new for a new conversation, /quit to quit.\n`,
  );
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const line of rl) {
    const parsed = parseChatLine(line);
    if (parsed.type === 'quit') break;
    if (parsed.type === 'help') sayAsBot(botText(helpText()));
    else if (parsed.type === 'sources')
      sayAsBot(botText(sourcesReplyText(bot.info().articles, config.PUBLIC_BASE_URL)));
    else if (parsed.type === 'unknown') say(`Unknown command ${parsed.command}: type /help for the commands.\n`);
    else if (parsed.type === 'new') {
      conversation = newConversation();
      say('(new conversation)\n');
    } else if (parsed.type === 'message' && parsed.text.length > MAX_MESSAGE_CHARS) {
      say(`Please keep questions under ${MAX_MESSAGE_CHARS} characters.\n`);
    } else if (parsed.type === 'message' && parsed.text !== '') {
      const reply = await bot.handleTurn({ message: parsed.text, channel: 'cli' }, conversation);
      sayAsBot(renderForTerminal(toReplyBody(reply), { width: width() - BOT_PREFIX.length, color }));
    }
    rl.prompt();
  }
  rl.close();
});
