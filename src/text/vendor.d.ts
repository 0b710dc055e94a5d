// `stopword` ships no type declarations; only the English list is used.
declare module 'stopword' {
  /** English stop words (lowercase). */
  export const eng: string[];
}
