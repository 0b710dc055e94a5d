import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/** Name of the session cookie the login form sets. */
export const SESSION_COOKIE = 'admin_session';
/** Session lifetime: one working day (seconds); the cookie carries no other state. */
const SESSION_MAX_AGE = 12 * 60 * 60;

const hmac = (token: string, purpose: string) => createHmac('sha256', token).update(purpose).digest('hex');

/** Constant-time comparison of two strings of any length (both are hashed to 32 bytes first). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The session cookie's value: an HMAC of the token, so the token itself never sits in a browser. */
export const sessionValue = (token: string) => hmac(token, 'admin-session-v1');
/** The form token every admin form carries (a second line of CSRF defence beside SameSite=Strict and Origin). */
export const csrfToken = (token: string) => hmac(token, 'admin-csrf-v1');

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** How the request proved it knows the token: a Bearer header, the session cookie, or not at all. */
export function authenticate(req: Request, token: string): 'bearer' | 'cookie' | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    return m && safeEqual(m[1] as string, token) ? 'bearer' : undefined;
  }
  const session = cookie(req, SESSION_COOKIE);
  return session !== undefined && safeEqual(session, sessionValue(token)) ? 'cookie' : undefined;
}

/**
 * Whether a browser POST comes from this site: its Origin (or, without one, its Referer's origin) must be the
 * origin the request was addressed to. A cross-site form post carries the attacker's origin.
 */
export function sameOrigin(req: Request): boolean {
  const own = `${req.protocol}://${req.get('host')}`;
  const origin = req.get('origin');
  if (origin !== undefined) return origin === own;
  const referer = req.get('referer');
  if (!referer) return false;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, scoped to /admin, Secure when the request came over https. */
export function setSession(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, sessionValue(token), {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/admin',
    maxAge: SESSION_MAX_AGE * 1000,
  });
}

export function clearSession(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/admin' });
}
