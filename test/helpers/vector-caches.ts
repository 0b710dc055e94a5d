/** Something holding vectors that are not on disk yet (see cached-use-lite.ts). */
interface Saveable {
  save(): void;
}

const caches = new Set<Saveable>();

/** Remembers a cache so {@link saveVectorCaches} writes it; kept import-light for test/setup-vector-caches.ts. */
export function registerVectorCache(cache: Saveable): void {
  caches.add(cache);
}

/** Writes every registered cache that learnt new vectors (each a no-op otherwise). */
export function saveVectorCaches(): void {
  for (const cache of caches) cache.save();
}
