/** `npm run chat`: interactive multi-turn chat in the terminal. `/new` starts a new conversation, `/exit` quits. */
import { createInterface } from 'node:readline/promises';
import { createBot } from '../../chat/create-bot.js';
import { newConversation } from '../../core/conversation.js';
import { toReplyBody } from '../../core/reply.js';
import { runCli } from '../../cli-support.js';
import { getConfig } from '../../config/env.js';
import { createLogger } from '../../logger.js';
import { MAX_MESSAGE_CHARS } from '../../core/message.js';
import { renderForTerminal } from './render.js';

await runCli(async () => {
  const config = getConfig();
  const logger = createLogger({
    level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    write: (l) => process.stderr.write(`${l}\n`),
  });
  console.log('Loading the articles…');
  const bot = await createBot({ config, logger });
  let conversation = newConversation();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  console.log(
    'Ask about ketamine therapy. Answers come only from five published articles, with sources.\n' +
      `Try: ${bot.exampleQuestions(3).join(' | ')}\nType /new for a new conversation, /exit to quit.\n`,
  );
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const line of rl) {
    const message = line.trim();
    if (message === '/exit' || message === '/quit') break;
    if (message === '/new') {
      conversation = newConversation();
      console.log('(new conversation)\n');
    } else if (message.length > MAX_MESSAGE_CHARS) {
      console.log(`Please keep questions under ${MAX_MESSAGE_CHARS} characters.\n`);
    } else if (message !== '') {
      const reply = await bot.handleTurn({ message, channel: 'cli' }, conversation);
      console.log(`\nbot> ${renderForTerminal(toReplyBody(reply)).replace(/\n/g, '\n     ')}\n`);
    }
    rl.prompt();
  }
  rl.close();
});
