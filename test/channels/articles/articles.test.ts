import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationUrl, unitAnchor } from '../../../src/articles/url.js';
import { loadCorpusData } from '../../../src/corpus/corpus.js';
import { startApp } from '../botframework/helpers.js';

describe('article pages', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let data: Awaited<ReturnType<typeof loadCorpusData>>;
  beforeAll(async () => {
    app = await startApp();
    data = await loadCorpusData('corpus');
  });
  afterAll(() => app.close());

  it('lists all five articles on /articles/ (and redirects /articles there)', async () => {
    const redirect = await fetch(`${app.url}/articles`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/articles/');
    const response = await fetch(`${app.url}/articles/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(data.articles).toHaveLength(5);
    for (const a of data.articles) expect(html).toContain(`href="${a.id}"`);
  });

  it('renders each article with one anchor per answer unit, every quote findable, no script', async () => {
    for (const article of data.articles) {
      const response = await fetch(`${app.url}/articles/${article.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      expect(html).not.toContain('<script');
      const units = data.chunks.filter((c) => c.docId === article.id);
      for (const unit of units) {
        const at = html.indexOf(`id="${unitAnchor(unit.id)}"`);
        expect(at, unit.id).toBeGreaterThan(0);
        // The unit's first sentence, escaped as the page escapes it, sits inside its anchor element.
        const first = (unit.sentences[0]?.text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
        expect(html.indexOf(first, at), unit.id).toBeGreaterThan(at);
        expect(html.indexOf(first, at) - at, unit.id).toBeLessThan(200);
      }
    }
  });

  it('answers an unknown or malformed id with a 404 JSON error', async () => {
    for (const id of ['no-such-article', 'Bad%20Id', '..%2Fpackage.json']) {
      const response = await fetch(`${app.url}/articles/${id}`);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unknown_article');
    }
  });

  it('PUBLIC_BASE_URL: empty means unset, a trailing slash is dropped, anything but http(s) is refused', async () => {
    const { parseConfig } = await import('../../../src/config/env.js');
    expect(parseConfig({ PUBLIC_BASE_URL: '' }).PUBLIC_BASE_URL).toBeUndefined();
    expect(parseConfig({ PUBLIC_BASE_URL: 'https://faq.example.org/' }).PUBLIC_BASE_URL).toBe(
      'https://faq.example.org',
    );
    expect(() => parseConfig({ PUBLIC_BASE_URL: 'ftp://faq.example.org' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('builds citation urls as paths, or absolute under PUBLIC_BASE_URL', () => {
    expect(citationUrl('ketamine-what-is-it#3')).toBe('/articles/ketamine-what-is-it#unit-3');
    expect(citationUrl('ketamine-what-is-it#3', 'https://faq.example.org/bot')).toBe(
      'https://faq.example.org/bot/articles/ketamine-what-is-it#unit-3',
    );
  });
});

describe('citation urls from the real answerer', () => {
  it('are absolute when PUBLIC_BASE_URL is set, and open the quoted unit', async () => {
    const { createBot } = await import('../../../src/chat/create-bot.js');
    const { parseConfig } = await import('../../../src/config/env.js');
    const { newConversation } = await import('../../../src/core/conversation.js');
    const config = parseConfig({ ...process.env, PUBLIC_BASE_URL: 'https://faq.example.org/' });
    const bot = await createBot({ config });
    const reply = await bot.handleTurn(
      { message: 'What are the side effects of ketamine?', channel: 'api' },
      newConversation('c'),
    );
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations)
      expect(c.url).toBe(`https://faq.example.org/articles/${c.docId}#${unitAnchor(c.chunkId)}`);
    expect(reply.meta.footer).toBeDefined();
    expect(reply.text.endsWith(reply.meta.footer ?? '?')).toBe(true);
  });
});
