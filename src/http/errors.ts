import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError, RetryLaterError } from '../errors.js';
import type { Logger } from '../core/logger.js';

/** The error body every route returns: `{ error: { code, message } }`. */
export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Unknown route → 404 in the standard error shape. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}.`, 'not_found'));
};

/** Errors raised by express's own body parsers, mapped to stable codes. */
const PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'The request body is too large.' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'Unsupported content encoding.' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'Unsupported charset.' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted.' },
  'request.size.invalid': {
    status: 400,
    code: 'invalid_body',
    message: 'The request body is shorter or longer than its Content-Length.',
  },
  'stream.encoding.set': { status: 400, code: 'invalid_body', message: 'The request body could not be read.' },
};

/** zlib's codes for a body that says `Content-Encoding: gzip/deflate/br` but does not decode as such. */
const DECODE_ERROR = {
  status: 400,
  code: 'invalid_body_encoding',
  message: 'The request body does not match its Content-Encoding.',
};

/** The stable status/code/message for an error raised while reading or decoding a body, if it is one. */
function bodyError(error: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (typeof type === 'string' && PARSER_ERRORS[type]) return PARSER_ERRORS[type];
  // body-parser passes zlib's errors through untyped (Z_DATA_ERROR, Z_BUF_ERROR, ERR_BROTLI_…, ERR__ERROR_FORMAT_…).
  if (typeof code === 'string' && /^(Z_|ERR_BROTLI|ERR_ZLIB|ERR__ERROR_FORMAT)/.test(code)) return DECODE_ERROR;
  // The router's own 4xx, e.g. a path segment that is not valid percent-encoding (`GET /webchat/%`): keep its
  // status, never its message (which may quote internals).
  const status = (error as { status?: unknown }).status;
  if (error instanceof URIError || (typeof status === 'number' && status >= 400 && status < 500)) {
    return {
      status: typeof status === 'number' ? status : 400,
      code: 'bad_request',
      message: 'The request is malformed.',
    };
  }
  return undefined;
}

/**
 * The one central error handler: typed errors keep their status and code, parser errors get stable
 * codes, anything else is a 500 with a generic message. Never a stack trace in a response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let status = 500;
    let body = errorBody('internal_error', 'Something went wrong on our side. Please try again.');
    if (error instanceof AppError) {
      status = error.status;
      body = errorBody(error.code, error.message);
      if (error instanceof RetryLaterError)
        res.set('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    } else {
      const known = bodyError(error);
      if (known) {
        status = known.status;
        body = errorBody(known.code, known.message);
      }
    }
    // Shedding load is the server working as designed, not a failure to page anyone about.
    if (status >= 500 && !(error instanceof RetryLaterError)) {
      logger.error('request_failed', {
        method: req.method,
        path: req.path,
        error: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    res.status(status).json(body);
  };
}
