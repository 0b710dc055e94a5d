import { unitAnchor } from '../../articles/url.js';
import type { Chunk } from '../../corpus/chunk.js';
import type { Article } from '../../corpus/load.js';
import { escapeHtml, htmlPage } from './html.js';

/**
 * One article as a readable page, built from the same units the citations quote: each unit is an element whose
 * `id` is its anchor (`unit-<n>`), so a citation link scrolls to, and highlights, the quoted passage. Text is the
 * cleaned article's own (escaped), so every quote can be found on the page word for word.
 */
export function articlePage(article: Article, units: Chunk[]): string {
  const bullets = paragraphBullets(article);
  const parts: string[] = [];
  let section: string | undefined;
  for (const unit of units) {
    if (unit.section !== undefined && unit.section !== section) {
      // The article's own title line is a section heading too; the page title already says it.
      if (parts.length > 0 || !sameTitle(unit.section, article.title))
        parts.push(`<h2>${escapeHtml(unit.section)}</h2>`);
    }
    section = unit.section;
    parts.push(`<div class="unit" id="${unitAnchor(unit.id)}">${unitHtml(unit, bullets)}</div>`);
  }
  const body = `<nav><a href="./">← All articles</a><a href="../">Back to the chat</a></nav>
<article>
<h1>${escapeHtml(article.title)}</h1>
<p class="source">One of the five articles the chatbot answers from. General information, not medical advice.</p>
${parts.join('\n')}
</article>`;
  return htmlPage(article.title, body);
}

/** The index page: every article, linked. */
export function articlesIndexPage(articles: readonly Article[]): string {
  const items = articles
    .map((a) => `<li><a href="${encodeURIComponent(a.id)}">${escapeHtml(a.title)}</a></li>`)
    .join('\n');
  const body = `<nav><a href="../">Back to the chat</a></nav>
<h1>The articles</h1>
<p class="note">The chatbot answers only from these ${articles.length} published articles, quoting them word for word.</p>
<ul class="articles">
${items}
</ul>`;
  return htmlPage('The articles', body);
}

/** A unit's sentences grouped by paragraph: list items as `<ul><li>`, prose as `<p>`. */
function unitHtml(unit: Chunk, bullets: boolean[]): string {
  const groups: { paragraph: number; text: string[] }[] = [];
  for (const s of unit.sentences) {
    const last = groups.at(-1);
    if (last && last.paragraph === s.paragraph) last.text.push(s.text);
    else groups.push({ paragraph: s.paragraph, text: [s.text] });
  }
  let html = '';
  let inList = false;
  for (const g of groups) {
    const bullet = bullets[g.paragraph] === true;
    if (bullet && !inList) html += '<ul>';
    if (!bullet && inList) html += '</ul>';
    inList = bullet;
    const text = escapeHtml(g.text.join(' '));
    html += bullet ? `<li>${text}</li>` : `<p>${text}</p>`;
  }
  return inList ? `${html}</ul>` : html;
}

/** Whether each paragraph (numbered across sections, as the chunker numbers them) is a list item. */
function paragraphBullets(article: Article): boolean[] {
  return article.sections.flatMap((s) => s.paragraphs.map((p) => p.bullet));
}

function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}
