/**
 * `npm run ask -- "question"`: one question, answer and numbered sources on stdout.
 * `--json` prints exactly the body `POST /api/ask` would return.
 */
import { parseArgs } from 'node:util';
import { createBot } from '../../chat/create-bot.js';
import { toReplyBody } from '../../core/reply.js';
import { runCli } from '../../cli-support.js';
import { getConfig } from '../../config/env.js';
import { BadRequestError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { AskRequestSchema } from '../api/ask-request.js';
import { renderForTerminal, terminalWidth, wantsColor } from './render.js';

await runCli(async () => {
  const { values, positionals } = parseArgs({
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    console.log('Usage: npm run ask -- [--json] "your question about ketamine therapy"');
    if (!values.help) process.exitCode = 2;
    return;
  }
  const request = AskRequestSchema.safeParse({ message: positionals.join(' ') });
  if (!request.success) throw new BadRequestError(request.error.issues[0]?.message ?? 'invalid question');
  const config = getConfig();
  // Logs go to stderr so `--json` output stays machine-readable.
  const logger = createLogger({
    level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    write: (l) => process.stderr.write(`${l}\n`),
  });
  const bot = await createBot({ config, logger });
  const reply = toReplyBody(await bot.ask({ message: request.data.message, channel: 'cli' }));
  console.log(
    values.json
      ? JSON.stringify(reply, null, 2)
      : renderForTerminal(reply, { width: terminalWidth(process.stdout), color: wantsColor(process.stdout) }),
  );
});
