import express, { Router } from 'express';
import type { AppContext } from '../context.js';
import { isBlankMessage } from '../../core/message.js';
import { MESSAGE_TEXTS } from '../../chat/message-texts.js';
import { toReplyBody } from '../../core/reply.js';
import { AppError, BadRequestError, NotReadyError } from '../../errors.js';
import { askAsStream, wantsStream } from './ask-stream.js';
import { AskRequestSchema } from './ask-request.js';

class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super('Send the request body as JSON with Content-Type: application/json.', 'unsupported_media_type', 415);
  }
}

/** `/api/*`: the JSON API. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  // 32 KiB fits the longest valid message (2000 chars, even fully \u-escaped) with room to spare.
  const json = express.json({ limit: '32kb', type: () => true });

  router.post(
    '/ask',
    (req, _res, next) => {
      next(req.is('application/json') ? undefined : new UnsupportedMediaTypeError());
    },
    json,
    async (req, res) => {
      const parsed = AskRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const message =
          first?.code === 'unrecognized_keys'
            ? `Unknown field(s): ${first.keys.join(', ')}. Allowed: message, conversationId.`
            : first?.path.length === 0
              ? 'The body must be a JSON object like {"message": "..."}.'
              : (first?.message ?? 'Invalid request body.');
        throw new BadRequestError(message, 'invalid_request');
      }
      // Zero-width characters and BOM survive trim(): nothing visible must ever reach the bot (or its embedder).
      if (isBlankMessage(parsed.data.message)) throw new BadRequestError(MESSAGE_TEXTS.empty, 'empty_message');
      const bot = ctx.getBot();
      if (!bot) throw new NotReadyError();
      if (wantsStream(req.query)) {
        await askAsStream(bot, { message: parsed.data.message, conversationId: parsed.data.conversationId }, res);
        return;
      }
      const reply = await bot.ask({
        message: parsed.data.message,
        conversationId: parsed.data.conversationId,
        channel: 'api',
      });
      res.json(toReplyBody(reply));
    },
  );

  router.all('/ask', (req, _res, next) => {
    next(new AppError(`Use POST /api/ask (not ${req.method}).`, 'method_not_allowed', 405));
  });
  return router;
}
