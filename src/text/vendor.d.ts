// `stopword` ships no type declarations; the lists used in this project.
declare module 'stopword' {
  /** English stop words (lowercase). */
  export const eng: string[];
  export const spa: string[];
  export const fra: string[];
  export const deu: string[];
  export const por: string[];
  export const ita: string[];
  export const nld: string[];
}
