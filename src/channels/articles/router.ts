import { Router } from 'express';
import { ARTICLES_PATH } from '../../articles/url.js';
import { chunkCorpus, type Chunk } from '../../corpus/chunk.js';
import { loadCorpus, type Article } from '../../corpus/load.js';
import { NotFoundError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { articlePage, articlesIndexPage } from './page.js';

interface Library {
  articles: Article[];
  units: Map<string, Chunk[]>;
}

/** Article ids are lowercase slugs (corpus front matter); anything else cannot name one. */
const DOC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `GET /articles` (the index) and `GET /articles/<docId>` (one article, an anchor per answer unit). Read from
 * CORPUS_DIR once, on the first request, and chunked with the default settings, as the bot's index is, so the
 * unit anchors match the citations. Unknown ids get a 404 in the standard error shape.
 */
export function articlesRouter(ctx: AppContext): Router {
  const router = Router();
  let library: Promise<Library> | undefined;
  const load = () => {
    library ??= loadCorpus(ctx.config.CORPUS_DIR).then((articles) => {
      const units = new Map<string, Chunk[]>();
      for (const unit of chunkCorpus(articles)) units.set(unit.docId, [...(units.get(unit.docId) ?? []), unit]);
      return { articles, units };
    });
    // A failed read is retried on the next request rather than cached.
    library.catch(() => (library = undefined));
    return library;
  };

  router.get([ARTICLES_PATH, `${ARTICLES_PATH}/`], async (req, res) => {
    // One canonical address with a trailing slash, so the relative links on the index resolve under /articles/.
    if (!req.path.endsWith('/')) {
      res.redirect(301, `${req.baseUrl}${ARTICLES_PATH}/`);
      return;
    }
    const { articles } = await load();
    res.type('html').set('cache-control', 'public, max-age=300').send(articlesIndexPage(articles));
  });

  router.get(`${ARTICLES_PATH}/:docId`, async (req, res) => {
    const docId = req.params.docId;
    const { articles, units } = await load();
    const article = DOC_ID.test(docId) ? articles.find((a) => a.id === docId) : undefined;
    if (!article) throw new NotFoundError(`There is no article "${docId.slice(0, 80)}".`, 'unknown_article');
    res
      .type('html')
      .set('cache-control', 'public, max-age=300')
      .send(articlePage(article, units.get(article.id) ?? []));
  });

  return router;
}
