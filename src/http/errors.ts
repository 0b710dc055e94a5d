import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from '../errors.js';
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
};

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
    } else if (isParserError(error) && PARSER_ERRORS[error.type]) {
      const known = PARSER_ERRORS[error.type]!;
      status = known.status;
      body = errorBody(known.code, known.message);
    }
    if (status >= 500) {
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

function isParserError(error: unknown): error is { type: string } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string';
}
