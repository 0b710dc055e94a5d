import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Options for {@link securityHeaders}. */
export interface SecurityOptions {
  /** Sites that may frame the chat page (`frame-ancestors`), beside the own origin. */
  frameAncestors: string[];
}

/**
 * helmet's headers with a CSP the Web Chat page actually works with: every script is a file of ours (no inline
 * script, no eval); styles allow 'unsafe-inline' only because Web Chat (emotion) injects <style> elements at run
 * time; images may be data:/blob: (Adaptive Cards, avatars). `frame-ancestors` replaces X-Frame-Options, which
 * cannot name several sites.
 */
export function securityHeaders(options: SecurityOptions): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'self'", ...options.frameAncestors],
        // The page is served over plain http on localhost by default: upgrading would break it.
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: false,
    // Same reason: HSTS belongs on the TLS-terminating proxy, not on a server that may run on http.
    strictTransportSecurity: false,
    // The widget loads the page cross-origin in an iframe; COEP/CORP same-origin would block it.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

/** CORS for `/api/ask`: only the listed origins (none by default) may call it from a browser. */
export function apiCors(origins: string[]): RequestHandler {
  return cors({
    origin: origins.length > 0 ? origins : false,
    methods: ['POST'],
    allowedHeaders: ['content-type'],
    maxAge: 600,
  });
}
