import type { Request as SdkRequest, WebResponse } from '@microsoft/agents-hosting';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../core/logger.js';
import { AppError, UnauthorizedError } from '../../errors.js';
import type { FaqCloudAdapter } from './adapter.js';
import { isLoopbackAddress } from './service-url.js';

/** Reads the address a request came from. */
export type ClientAddress = (req: Request) => string | undefined;

/**
 * The TCP peer, never a forwarded header: `X-Forwarded-For` is whatever the client wrote, and `req.ip` follows it
 * behind `trust proxy`.
 */
export const socketAddress: ClientAddress = (req) => req.socket.remoteAddress;

/**
 * Without an app id nothing authenticates the sender, so only this machine (the Emulator) may use the endpoint,
 * unless BOTFRAMEWORK_ALLOW_ANONYMOUS says otherwise on purpose.
 */
export function localClientsOnly(options: { open: boolean; clientAddress: ClientAddress }): RequestHandler {
  return (req, _res, next) => {
    if (options.open || isLoopbackAddress(options.clientAddress(req))) return next();
    next(
      new UnauthorizedError(
        'This bot has no Bot Framework app id, so /api/messages only answers clients on the same machine. Configure MICROSOFT_APP_ID to accept channel traffic.',
      ),
    );
  };
}

/** Channels always send JSON; anything else (a cross-site `text/plain` form post, say) is refused before parsing. */
export const jsonOnly: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  next(new AppError('/api/messages accepts only Content-Type: application/json.', 'unsupported_media_type', 415));
};

/** What each SDK refusal says about the request; anything else (key fetch failures, ...) stays in the log. */
const AUTH_REASONS: Record<string, string> = {
  'authorization header not found': 'no Authorization header; send a Bot Framework bearer token',
  'invalid authorization header': 'the Authorization header is not a Bearer token',
};

/**
 * Runs the SDK's JWT check and maps its failures to our error shape (401 `unauthorized`). The SDK's message can
 * name internal causes (`getaddrinfo ENOTFOUND login.botframework.com`): it goes to the log at warn, and the
 * client only learns that its token was not accepted.
 */
export function authorize(adapter: FaqCloudAdapter, logger: Logger): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    let detail = 'unauthorized';
    let passed = false;
    const shim: WebResponse = {
      status: () => shim,
      setHeader: () => shim,
      send: (body?: unknown) => {
        const message = (body as Record<string, unknown> | undefined)?.['jwt-auth-error'];
        if (typeof message === 'string') detail = message;
        return shim;
      },
      end: () => shim,
      headersSent: false,
      writableEnded: false,
    };
    try {
      await adapter.authorizeRequest(req as unknown as SdkRequest, shim, () => {
        passed = true;
      });
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    if (passed) return next();
    logger.warn('botframework_auth_failed', { detail });
    const reason = AUTH_REASONS[detail] ?? 'the bearer token was not accepted';
    next(new UnauthorizedError(`Bot Framework authentication failed: ${reason}.`));
  };
}
