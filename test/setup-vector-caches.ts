import { afterAll } from 'vitest';
import { saveVectorCaches } from './helpers/vector-caches.js';

// A setup file runs before every test file (also with isolate: false), so each file's new model vectors reach the
// disk when the file ends, whichever files of the worker share the cache.
afterAll(() => saveVectorCaches());
