import { AppError } from '../errors.js';
import { StorageError } from './errors.js';

/**
 * Runs a database call and turns a driver failure (disk full, read-only file, lost connection) into a typed
 * StorageError (503 `storage_unavailable`), so no caller mistakes it for a bug or, worse, for a success.
 */
export async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new StorageError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
