// Synonym groups are part of the corpus (corpus/synonyms.yaml, loaded with it); retrieval re-exports the type it uses.
export type { SynonymExpander } from '../corpus/synonyms.js';
