/**
 * Memoises a function of a corpus text (sentence or heading). Selection and scoring look at the same few hundred
 * corpus sentences on every turn; the bound keeps user-supplied strings from growing the cache without limit.
 */
export function memoByText<T>(fn: (text: string) => T, max = 5000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      if (cache.size < max) cache.set(text, value);
    }
    return value;
  };
}
