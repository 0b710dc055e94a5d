import { parse as parseQuery } from 'node:querystring';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AppError, BadRequestError } from '../../errors.js';
import type { Logger } from '../../core/logger.js';
import type { RawBodyRequest } from './verify.js';
import { COMMENT_VIEW } from './action-values.js';

/** Event types with a listener (`handlers/events.ts`); every other event is acked at once and dropped. */
const HANDLED_EVENT_TYPES: ReadonlySet<string> = new Set(['app_mention', 'message']);
/** Interactive payload types with a listener (`handlers/actions.ts`, `handlers/comment-view.ts`). */
const HANDLED_INTERACTION_TYPES: ReadonlySet<string> = new Set(['block_actions', 'view_submission']);

const optionalString = z.string().optional();

/** A message-like event: only the fields the handlers read, with the types they rely on. */
const MessageEventSchema = z.looseObject({
  type: z.string(),
  channel: z.string().min(1),
  ts: z.string().min(1),
  text: z.string().nullish(),
  user: optionalString,
  subtype: optionalString,
  thread_ts: optionalString,
  bot_id: optionalString,
  channel_type: optionalString,
});

const EnvelopeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string().min(1) }),
  z.looseObject({
    type: z.literal('event_callback'),
    event_id: z.string().min(1),
    team_id: optionalString,
    event: z.looseObject({ type: z.string().min(1) }),
  }),
]);

const BlockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: z.string().min(1) }),
  team: z.looseObject({ id: z.string() }).nullish(),
  response_url: optionalString,
  actions: z.array(z.looseObject({ action_id: z.string().min(1), type: z.string(), value: optionalString })).min(1),
});

/** A modal submission (the thumbs-down comment): the fields the comment handler reads. */
const ViewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  user: z.looseObject({ id: z.string().min(1) }),
  view: z.looseObject({ callback_id: z.string().min(1), private_metadata: z.string(), state: z.looseObject({}) }),
});

/** A slash command as Slack form-encodes it; repeated fields (arrays) fail. */
const CommandSchema = z.looseObject({
  command: z.string().startsWith('/'),
  text: optionalString,
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  response_url: z.url(),
  enterprise_id: optionalString,
});

/** What the validator learned, for the middleware after it (`res.locals.slack`). */
export type SlackRequestInfo = { kind: 'event'; eventId: string } | { kind: 'other' };

/**
 * Parses and validates every verified Slack request with zod before Bolt sees it. Malformed bodies get 400
 * (415 for a content type Slack never sends) in the standard error shape, instead of Bolt's empty 500. Well-formed
 * requests this app has no listener for (other events, other envelope and interaction types) get an immediate
 * empty 200: Bolt would hold them for its 3-second ack timeout and then answer 404, and Slack retries non-200s.
 */
export function validateSlackPayload(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const raw = ((req as RawBodyRequest).rawBody ?? Buffer.alloc(0)).toString('utf8');
    let info: SlackRequestInfo | 'unhandled';
    if (req.is('application/json')) info = classifyJson(parseJson(raw));
    else if (req.is('application/x-www-form-urlencoded')) info = classifyForm(raw);
    else throw unsupportedMediaType();
    if (info === 'unhandled') {
      logger.debug('slack_request_unhandled_acked', {});
      ack(res);
      return;
    }
    res.locals.slack = info;
    next();
  };
}

function classifyJson(body: unknown): SlackRequestInfo | 'unhandled' {
  const typed = z.looseObject({ type: z.string().min(1) }).safeParse(body);
  if (!typed.success) throw invalid('a JSON object with a string "type"');
  if (typed.data.type !== 'url_verification' && typed.data.type !== 'event_callback') return 'unhandled';
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) throw invalid(`a valid ${typed.data.type} envelope`);
  if (envelope.data.type === 'url_verification') return { kind: 'other' };
  const { event } = envelope.data;
  if (!HANDLED_EVENT_TYPES.has(event.type)) return 'unhandled';
  if (!MessageEventSchema.safeParse(event).success) throw invalid(`a valid ${event.type} event`);
  return { kind: 'event', eventId: envelope.data.event_id };
}

function classifyForm(raw: string): SlackRequestInfo | 'unhandled' {
  const form = parseQuery(raw);
  if (form.ssl_check === '1') return { kind: 'other' };
  if (form.payload === undefined) {
    if (!CommandSchema.safeParse(form).success) {
      throw invalid('a slash command with command, team_id, channel_id, user_id and response_url');
    }
    return { kind: 'other' };
  }
  if (typeof form.payload !== 'string') throw invalid('one "payload" field');
  const payload = parseJson(form.payload);
  const typed = z.looseObject({ type: z.string().min(1) }).safeParse(payload);
  if (!typed.success) throw invalid('a "payload" JSON object with a string "type"');
  if (!HANDLED_INTERACTION_TYPES.has(typed.data.type)) return 'unhandled';
  if (typed.data.type === 'view_submission') {
    // Only this app's comment modal has a listener; any other view is acked at once like other unhandled payloads.
    const callbackId = (payload as { view?: { callback_id?: unknown } }).view?.callback_id;
    if (callbackId !== COMMENT_VIEW.callbackId) return 'unhandled';
    if (!ViewSubmissionSchema.safeParse(payload).success)
      throw invalid('a view_submission payload with a user and a view (callback_id, private_metadata, state)');
    return { kind: 'other' };
  }
  if (!BlockActionsSchema.safeParse(payload).success) {
    throw invalid('a block_actions payload with a user and at least one action');
  }
  return { kind: 'other' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('The Slack request body is not valid JSON.', 'invalid_json');
  }
}

function invalid(expected: string): BadRequestError {
  return new BadRequestError(`Malformed Slack request: expected ${expected}.`, 'invalid_slack_payload');
}

function unsupportedMediaType(): AppError {
  const message = 'Slack requests are application/json or application/x-www-form-urlencoded.';
  return new AppError(message, 'unsupported_media_type', 415);
}

function ack(res: Response): void {
  res.status(200).end();
}
