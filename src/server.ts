/**
 * `npm start`: one HTTP server for every channel. It listens at once (so `/healthz` can say 503 while loading),
 * then loads the index — rebuilding it if missing, corrupt or stale — and starts answering.
 */
import { createServer } from 'node:http';
import { createApp } from './app.js';
import type { Bot } from './core/bot.js';
import { createBot } from './chat/create-bot.js';
import { UseLiteEmbeddings } from './embeddings/use-lite.js';
import { getConfig } from './config/env.js';
import { AppError } from './errors.js';
import { drainOnSignal } from './http/graceful.js';
import { createLogger } from './logger.js';
import { openStorage } from './storage/open-storage.js';
import { startRetention } from './storage/retention.js';
import type { Storage } from './storage/storage.js';
import { reviewOptions } from './review/bot-ports.js';
import { ReviewService } from './review/service.js';

// performance.now() counts from process start: this first mark is the time spent loading the bundle's modules.
const started = performance.now();
let config: ReturnType<typeof getConfig>;
try {
  config = getConfig();
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
}
const logger = createLogger({ level: config.LOG_LEVEL });
let bot: Bot | undefined;
// The staff review behind /admin, once the bot (its embedder and ranker) is loaded.
let review: ReviewService | undefined;
// Storage first: migrations run before anything can be answered or voted on, and a database that cannot be opened
// stops the process with a clear log line instead of a server that acknowledges and loses.
let storage: Storage;
try {
  storage = await openStorage(config, logger);
  await startRetention({ storage, logger, questionLogDays: config.QUESTION_LOG_RETENTION_DAYS });
} catch (error) {
  // The stack carries the driver's own error (StorageError's public message says only "unavailable").
  logger.error('storage_failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
const storageReady = performance.now();
const app = createApp(
  {
    config,
    logger,
    feedback: storage.feedback,
    questionLog: storage.questionLog,
    reviews: storage.reviews,
    pingStorage: () => storage.ping(),
    claimOnce: (namespace, key, ttlMs) => storage.kv.claim(namespace, key, '1', ttlMs),
    // Memory storage has no kv worth sharing: channels then keep their state in process, bounded as before.
    ...(storage.engine === 'memory' ? {} : { kv: storage.kv }),
    ...(storage.webchat ? { webchatSessions: storage.webchat } : {}),
    getBot: () => bot,
  },
  { review: () => review },
);

// createServer + 'listening' rather than app.listen: express 5 calls app.listen's callback on errors too, which
// logged `server_listening` for a port that was taken.
const server = createServer(app);
// Registered before the slow index load, so a signal during loading is graceful too.
drainOnSignal({
  server,
  logger,
  forceAfterMs: config.SHUTDOWN_TIMEOUT_MS,
  // Close the database (SQLite checkpoints its WAL, the PostgreSQL pool ends) before exiting.
  exit: (code) => void storage.close().finally(() => process.exit(code)),
});
server.once('listening', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info('server_listening', { url: `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}` });
});
server.on('error', (error: NodeJS.ErrnoException) => {
  logger.error('server_error', { code: error.code, error: error.message });
  process.exit(1);
});
server.listen(config.PORT, config.HOST);

const loadStarted = performance.now();
try {
  // USE-lite runs in a worker thread: its CPU work then runs beside the event loop instead of blocking it.
  const loaded = await createBot({
    config,
    logger,
    embeddings: new UseLiteEmbeddings({ worker: true }),
    conversations: storage.conversations,
    ...(config.QUESTION_LOG === 'on' ? { questionLog: storage.questionLog } : {}),
  });
  bot = loaded;
  review = new ReviewService(reviewOptions(loaded, config, storage));
  logger.info('bot_ready', {
    chunks: loaded.info().chunks,
    model: loaded.info().model,
    coldStartMs: Math.round(performance.now() - started),
    // Where the cold start goes (bench/cold-start.ts reports these): module loading before coldStartMs begins,
    // storage open + migrations, app and listen, then corpus, index, model, classifier and ranker (createBot).
    phasesMs: {
      modules: Math.round(started),
      storage: Math.round(storageReady - started),
      app: Math.round(loadStarted - storageReady),
      bot: Math.round(performance.now() - loadStarted),
    },
  });
} catch (error) {
  logger.error('bot_failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
