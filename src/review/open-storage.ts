import type { Config } from '../config/env.js';
import type { Logger } from '../core/logger.js';
import { AppError } from '../errors.js';
import type { ReviewPorts } from './bot-ports.js';

/** The storage layer's handle as the review uses it. */
export type ReviewStorage = ReviewPorts & { close?: () => Promise<void> };

class StorageUnavailableError extends AppError {
  constructor(detail: string) {
    super(`npm run review needs the storage layer: ${detail}`, 'storage_unavailable', 500);
  }
}

/**
 * Opens the durable stores through the storage layer's factory, `openStorage(config, logger)` in
 * `src/storage/index.ts`, imported lazily so the review builds and is testable without it. The handle must expose
 * `questionLog`, `feedback` and `reviews` (the core ports).
 */
export async function openReviewStorage(config: Config, logger: Logger): Promise<ReviewStorage> {
  // A computed specifier: the type checker does not require the module, and the import fails only at run time.
  const specifier = ['..', 'storage', 'index.js'].join('/');
  let mod: { openStorage?: (config: Config, logger: Logger) => Promise<Partial<ReviewStorage>> };
  try {
    mod = await import(specifier);
  } catch (error) {
    throw new StorageUnavailableError(`src/storage/index.ts could not be loaded (${(error as Error).message}).`);
  }
  if (typeof mod.openStorage !== 'function')
    throw new StorageUnavailableError('src/storage/index.ts has no openStorage().');
  const storage = await mod.openStorage(config, logger);
  if (!storage.questionLog || !storage.feedback || !storage.reviews)
    throw new StorageUnavailableError('openStorage() must return questionLog, feedback and reviews.');
  return storage as ReviewStorage;
}
