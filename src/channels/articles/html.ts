/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The article pages' styles, inline: the CSP allows inline styles ('unsafe-inline', for Web Chat) but no inline
 * script, and these pages have no script at all. `:target` highlights the unit a citation link points at.
 */
export const ARTICLE_CSS = `
:root { --accent: #0b6e6e; --ink: #1c2430; --muted: #5a6472; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f7f8; }
main { max-width: 720px; margin: 0 auto; padding: 16px 20px 48px; background: #fff; min-height: 100vh; }
nav { display: flex; gap: 16px; flex-wrap: wrap; font-size: 0.95rem; margin-bottom: 8px; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 12px 0 4px; }
h2 { font-size: 1.15rem; margin: 28px 0 8px; }
.source { color: var(--muted); font-size: 0.85rem; margin: 0 0 16px; }
.unit { border-radius: 6px; padding: 2px 8px; margin: 0 -8px; scroll-margin-top: 24px; }
.unit p, .unit ul { margin: 0 0 12px; }
.unit:target { background: #fff4cc; box-shadow: inset 4px 0 0 #f0b400; }
.articles li { margin: 0 0 10px; }
.note { color: var(--muted); font-size: 0.9rem; }
`;

/** A complete page around `body`. Links are relative, so the pages also work behind a path prefix. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>${ARTICLE_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
