import { z } from 'zod';
import { MESSAGE_TEXTS } from '../../chat/message-texts.js';
import { MAX_MESSAGE_CHARS } from '../../core/message.js';

/**
 * Body of `POST /api/ask`. Its own module (not router.ts) so `npm run ask`, which validates its question the same
 * way, does not load express.
 */
export const AskRequestSchema = z.strictObject({
  message: z
    .string({ error: 'message must be a string' })
    .trim()
    .max(MAX_MESSAGE_CHARS, { error: MESSAGE_TEXTS.tooLong }),
  conversationId: z
    .string({ error: 'conversationId must be a string' })
    .trim()
    .min(1, { error: 'conversationId must not be empty' })
    .max(128, { error: 'conversationId must be at most 128 characters' })
    .optional(),
});
