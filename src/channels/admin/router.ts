import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../core/logger.js';
import { AppError, BadRequestError, UnauthorizedError } from '../../errors.js';
import type { ReviewService } from '../../review/service.js';
import { rateLimit } from '../../http/rate-limit.js';
import { authenticate, clearSession, csrfToken, safeEqual, sameOrigin, setSession } from './auth.js';
import { errorPage, loginPage } from './html.js';
import { reviewPage } from './page.js';

/** Options for {@link adminRouter}. */
export interface AdminRouterOptions {
  config: Pick<Config, 'ADMIN_TOKEN' | 'REVIEW_DAYS'>;
  logger: Logger;
  /** The review service once the bot and storage are loaded; `undefined` answers 503. */
  review: () => ReviewService | undefined;
}

class ForbiddenError extends AppError {
  constructor(message: string) {
    super(message, 'forbidden', 403);
  }
}
class ReviewUnavailableError extends AppError {
  constructor() {
    super('The review is not available yet (the bot or its storage is still loading).', 'review_unavailable', 503);
  }
}

const DaysSchema = z.coerce.number().int().min(1).max(3650);
const DecideBodySchema = z.object({
  clusterKey: z.string().trim().min(1).max(256),
  action: z.enum(['accept', 'not_covered', 'dismiss']),
  unitId: z
    .string()
    .trim()
    .max(256)
    .optional()
    .transform((v) => v || undefined),
  question: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || undefined),
  days: DaysSchema.optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, code: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new BadRequestError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`, code);
}

/**
 * `/admin`: the staff review page, its forms and `/admin/api/*` (JSON). Off — nothing mounted, so 404 — without
 * ADMIN_TOKEN. Auth is a Bearer token or the login form's session cookie; a cookie-authenticated POST must also come
 * from this origin and carry the form token (CSRF), on top of the cookie's SameSite=Strict.
 */
export function adminRouter(options: AdminRouterOptions): Router {
  const router = Router();
  const token = options.config.ADMIN_TOKEN;
  if (!token) return router;
  const csrf = csrfToken(token);
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const json = express.json({ limit: '16kb' });
  const noStore = (_req: Request, res: Response, next: NextFunction) => {
    res.set('cache-control', 'no-store');
    next();
  };
  router.use('/admin', noStore);
  const service = () => {
    const s = options.review();
    if (!s) throw new ReviewUnavailableError();
    return s;
  };
  /** Auth for a POST: Bearer, or cookie + same origin (+ the form token for form posts). */
  const allowPost = (req: Request, needsFormToken: boolean) => {
    const how = authenticate(req, token);
    if (!how) throw new UnauthorizedError('Sign in at /admin or send Authorization: Bearer <ADMIN_TOKEN>.');
    if (how === 'cookie') {
      if (!sameOrigin(req)) throw new ForbiddenError('Cross-site request refused.');
      const sent = (req.body as { csrf?: unknown } | undefined)?.csrf;
      if (needsFormToken && (typeof sent !== 'string' || !safeEqual(sent, csrf)))
        throw new ForbiddenError('The form token is missing or wrong; reload the page.');
    }
  };
  const html = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      const status = error instanceof AppError ? error.status : 500;
      if (status >= 500 && !(error instanceof AppError))
        options.logger.error('admin_failed', { error: error instanceof Error ? error.message : String(error) });
      const message = error instanceof AppError ? error.message : 'Something went wrong on our side.';
      res
        .status(status)
        .type('html')
        .send(status === 401 ? loginPage(message) : errorPage(status, message));
    }
  };

  router.get(
    '/admin',
    html(async (req, res) => {
      if (!authenticate(req, token)) {
        res.status(401).type('html').send(loginPage());
        return;
      }
      const days =
        req.query.days === undefined ? options.config.REVIEW_DAYS : parse(DaysSchema, req.query.days, 'invalid_days');
      res.type('html').send(reviewPage(await service().summary(days), csrf));
    }),
  );
  // Guessing the token is the one attack left on the login form: 10 tries per client IP per minute is plenty for a
  // person who mistyped and useless for brute force (of a token that should be long and random anyway).
  const logins = rateLimit({ name: 'admin sign-ins', points: 10, durationSeconds: 60 });
  router.post(
    '/admin/login',
    logins,
    form,
    html(async (req, res) => {
      if (!sameOrigin(req)) throw new ForbiddenError('Cross-site sign-in refused.');
      const sent = (req.body as { token?: unknown } | undefined)?.token;
      if (typeof sent !== 'string' || !safeEqual(sent, token)) {
        options.logger.warn('admin_login_failed', {});
        res.status(401).type('html').send(loginPage('Wrong token.'));
        return;
      }
      setSession(req, res, token);
      res.redirect(303, '/admin');
    }),
  );
  router.post(
    '/admin/logout',
    form,
    html(async (req, res) => {
      allowPost(req, true);
      clearSession(req, res);
      res.redirect(303, '/admin');
    }),
  );
  router.post(
    '/admin/decide',
    form,
    html(async (req, res) => {
      allowPost(req, true);
      const body = parse(DecideBodySchema, req.body, 'invalid_decision');
      await service().decide({ ...body, by: 'admin' });
      res.redirect(303, `/admin${body.days ? `?days=${body.days}` : ''}`);
    }),
  );

  // JSON API: same auth; errors go to the app's central handler as { error: { code, message } }.
  router.use('/admin/api', (req, _res, next) => {
    next(authenticate(req, token) ? undefined : new UnauthorizedError('Send Authorization: Bearer <ADMIN_TOKEN>.'));
  });
  router.get('/admin/api/summary', async (req, res) => {
    const days =
      req.query.days === undefined ? options.config.REVIEW_DAYS : parse(DaysSchema, req.query.days, 'invalid_days');
    res.json(await service().summary(days));
  });
  router.post('/admin/api/decisions', json, async (req, res) => {
    allowPost(req, false);
    const body = parse(DecideBodySchema.strict(), req.body, 'invalid_decision');
    res.status(201).json(await service().decide({ ...body, by: 'admin' }));
  });
  return router;
}
