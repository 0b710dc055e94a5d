const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attributes. Every user-supplied string of the page goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;max-width:1100px;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
.muted{color:#777}form.inline{display:inline}button{margin:.1rem}input[type=text]{width:18rem}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}figcaption{font-weight:600}.err{color:#a00}`;

/**
 * The page shell. No script at all (the app's CSP allows only our own script files); the one <style> element is
 * allowed by the CSP's style-src 'unsafe-inline'.
 */
export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function loginPage(error?: string): string {
  return layout(
    'Staff review — sign in',
    `<h1>Staff review</h1>${error ? `<p class="err">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/admin/login"><label>Admin token <input type="password" name="token" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>`,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(
    'Staff review — error',
    `<h1>Error ${status}</h1><p class="err">${escapeHtml(message)}</p><p><a href="/admin">Back</a></p>`,
  );
}
