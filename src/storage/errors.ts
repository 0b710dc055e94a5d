import { AppError } from '../errors.js';

/** The database could not be opened, migrated, read or written: the caller must not pretend it succeeded. */
export class StorageError extends AppError {
  constructor(message: string, code = 'storage_unavailable') {
    super(message, code, 503);
  }
}
