/**
 * Where an answer unit lives on the article pages (`/articles/<docId>#unit-<n>`). A leaf module (imports nothing
 * of the project) so the answer layer can fill citation urls and the article pages can name their anchors with
 * the same rule.
 */

/** The path the article pages are served under. */
export const ARTICLES_PATH = '/articles';

/**
 * The element id of a unit on its article page: `docId#3` → `unit-3`. Not the chunk id itself: a `#` inside a
 * fragment would have to be percent-encoded in every link.
 */
export function unitAnchor(chunkId: string): string {
  const hash = chunkId.lastIndexOf('#');
  return `unit-${hash >= 0 ? chunkId.slice(hash + 1) : chunkId}`;
}

/** The docId of a chunk id (`docId#n`). */
export function docIdOf(chunkId: string): string {
  const hash = chunkId.lastIndexOf('#');
  return hash >= 0 ? chunkId.slice(0, hash) : chunkId;
}

/**
 * The link to a unit's anchor: a root-relative path, or absolute when `publicBaseUrl` (PUBLIC_BASE_URL) is set.
 * A base with a path (`https://host/faq/`) keeps it: the pages are then under `/faq/articles/...`.
 */
export function citationUrl(chunkId: string, publicBaseUrl?: string): string {
  const path = `${ARTICLES_PATH}/${encodeURIComponent(docIdOf(chunkId))}#${unitAnchor(chunkId)}`;
  if (!publicBaseUrl) return path;
  return `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
}

/** True for an absolute http(s) URL (what Teams and Slack can open; a bare path means nothing there). */
export function isAbsoluteUrl(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\//i.test(url);
}
