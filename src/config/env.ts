import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** Accepts "true/false/1/0/yes/no" (any case); env vars are always strings. */
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'True', 'False', 'YES', 'NO'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes'].includes(v.toLowerCase()));

/** Empty strings count as "not set": `.env` files often carry `SLACK_BOT_TOKEN=`. */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

/** A comma- or space-separated list of origins (`https://host[:port]`); throws on anything else. */
function origins(value: string, ctx: z.core.$RefinementCtx<string>): string[] {
  const list = value.split(/[\s,]+/).filter(Boolean);
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      ctx.addIssue({ code: 'custom', message: `must be origins like https://host, not ${JSON.stringify(origin)}` });
  }
  return list;
}

/** An http(s) URL: `localhost:8000` parses as a URL with scheme `localhost:`, which no chat server speaks. */
const httpUrl = z.url({ protocol: /^https?$/ });

const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const num = (fallback: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(fallback);

/**
 * Every setting the bot reads, with its default. Documented in `.env.example` and the README's
 * configuration table; `test/config/env.test.ts` checks that those three stay in sync.
 */
export const EnvSchema = z.object({
  /** HTTP port for the API, the Bot Framework endpoint, the Web Chat page and Slack. */
  PORT: int(3978, 0, 65535),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** debug | info | warn | error | silent. User text is only ever logged at debug. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Folder of article Markdown files (front matter + body) and `synonyms.yaml`. */
  CORPUS_DIR: z.string().min(1).default('corpus'),
  /** Where the built vector index and its manifest live (git-ignored; rebuilt when missing or stale). */
  INDEX_DIR: z.string().min(1).default('.index'),
  /** How many fused passages feed the answer composer. */
  RETRIEVAL_TOP_K: int(20, 1, 100),
  /** Answer confidence (0–1) below which the turn is `no_answer`; calibrated by `npm run retrieval:eval`. */
  ANSWER_MIN_CONFIDENCE: num(0.1, 0, 1),
  /** Most sentences in one extractive answer. */
  ANSWER_MAX_SENTENCES: int(4, 1, 4),
  /** How many previous turns a conversation remembers (for follow-ups and split requests). */
  CONVERSATION_HISTORY_TURNS: int(6, 1, 50),
  /** Minutes of inactivity after which a conversation is forgotten. */
  CONVERSATION_TTL_MINUTES: int(60, 1, 60 * 24 * 30),
  /** Most conversations kept in memory at once (oldest evicted first). */
  CONVERSATION_MAX: int(10_000, 10, 1_000_000),
  /**
   * Where conversations, feedback, the question log and review decisions live. Unset: the SQLite file
   * `data/bot.db`. `sqlite:path` / `file:path`: another SQLite file. `postgres://user:pass@host:5432/db`: PostgreSQL
   * (needed for several replicas). `memory:`: nothing durable (tests).
   */
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^(memory:$|sqlite:.|file:.|postgres(ql)?:\/\/.)/.test(v),
    {
      error: 'must be postgres://…, sqlite:path, file:path or memory:',
    },
  ),
  /** `on`: every turn of every channel is logged for staff review (crisis turns without text); `off`: none. */
  QUESTION_LOG: z.enum(['on', 'off']).default('on'),
  /** Days a question-log entry is kept; older ones are purged at start and then hourly. */
  QUESTION_LOG_RETENTION_DAYS: int(90, 1, 3650),
  /**
   * YAML of alternate questions staff accepted in the review (`corpus/questions.yaml` format), merged into the
   * question bank; a change rebuilds the index at the next start or `npm run index`.
   */
  ACCEPTED_QUESTIONS_FILE: z.string().min(1).default('data/accepted-questions.yaml'),
  /** The last `npm run eval` report (JSON) the review page shows. */
  EVAL_REPORT_FILE: z.string().min(1).default('data/eval-report.json'),
  /** Token that opens `/admin` (Bearer header or the login form). Unset: `/admin` is off (404). */
  ADMIN_TOKEN: optionalString,
  /** Days of the question log the review covers by default (`npm run review -- --days N` overrides). */
  REVIEW_DAYS: int(30, 1, 3650),
  /** High-precision safety rules file (`src/safety/rules.yaml` format); the bundled one when unset. */
  SAFETY_POLICY_FILE: optionalString,
  /** Serve the Web Chat page at `/` and `/widget.js`. */
  WEBCHAT_ENABLED: bool(true),
  /** Bot Framework app (client) id. Unset: the bot endpoint runs anonymously (local use only). */
  MICROSOFT_APP_ID: optionalString,
  /** Bot Framework client secret (with MICROSOFT_APP_ID). */
  MICROSOFT_APP_PASSWORD: optionalString,
  /** Entra tenant id for a single-tenant bot registration. */
  MICROSOFT_APP_TENANT_ID: optionalString,
  /**
   * Without MICROSOFT_APP_ID, let clients other than this machine post to /api/messages. Off: anyone who can reach
   * the port could run turns and make the bot POST replies to loopback addresses on this machine.
   */
  BOTFRAMEWORK_ALLOW_ANONYMOUS: bool(false),
  /**
   * With MICROSOFT_APP_ID: comma-separated hosts the bot may reply to (`serviceUrl`); `*.example.com` matches
   * subdomains. Default: the Bot Framework and Teams (public, GCC, GCC High, DoD) service hosts.
   */
  BOTFRAMEWORK_SERVICE_URL_HOSTS: z
    .string()
    .default(
      '*.botframework.com,*.botframework.azure.us,smba.trafficmanager.net,*.teams.microsoft.com,*.teams.microsoft.us',
    )
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    )
    .pipe(
      z
        .array(
          z.string().regex(/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, {
            error: 'host patterns look like host.example.com or *.example.com',
          }),
        )
        .min(1),
    ),
  /** Slack signing secret; Slack is enabled only when this and SLACK_BOT_TOKEN are set. */
  SLACK_SIGNING_SECRET: optionalString,
  /** Slack bot token (xoxb-…). */
  SLACK_BOT_TOKEN: optionalString,
  /** Base URL of Slack's Web API (tests and staging point it elsewhere). */
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  // --- HTTP limits, load shedding and security headers (README "Limits" and "Security") ---
  /**
   * Whether to believe `X-Forwarded-For` for the client IP (rate limits, logs): `false` (default: the socket
   * address), `true` (any proxy), a hop count, or express's list form (`loopback`, `10.0.0.0/8, 127.0.0.1`).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v): boolean | number | string =>
      /^(false|0|no)$/i.test(v) || v === '' ? false : /^(true|yes)$/i.test(v) ? true : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /** Turns per client IP per minute on `/api/ask` and the Web Chat bridge (an office NAT shares one IP). */
  RATE_LIMIT_TURNS_PER_MINUTE: int(60, 1, 1_000_000),
  /** Turns per source IP per minute on `/api/messages` and `/slack/events`: many users arrive from one channel service. */
  RATE_LIMIT_CHANNEL_TURNS_PER_MINUTE: int(1200, 1, 1_000_000),
  /** New Web Chat conversations per client IP per minute (a page load starts one). */
  RATE_LIMIT_CONVERSATIONS_PER_MINUTE: int(20, 1, 1_000_000),
  /**
   * Turns that run at once, across all channels. Defaults measured with `node scripts/load-test.mjs 200 10` on the
   * shared 2-core box: 1 → 11 accepted/s, p95 0.8 s; 2 (queue 8) → 21/s, p95 1.0 s, /healthz p95 0.17 s; 3–4 → turns
   * compete for the one embedding worker and the event loop, 4–9/s with p95 2–3 s. One turn is ~35 ms alone.
   */
  TURN_CONCURRENCY: int(2, 1, 256),
  /** Turns that may wait for a slot; beyond that a turn gets 503 `overloaded` (chat: a polite "busy" reply). */
  TURN_QUEUE_MAX: int(8, 0, 10_000),
  /** Longest a turn may wait for a slot (ms) before it, too, gets 503 `overloaded`: keeps accepted turns ≤ ~1 s. */
  TURN_QUEUE_MAX_WAIT_MS: int(500, 0, 60_000),
  /** Most ms a shutdown waits for in-flight requests before it gives up and exits 1 (under a container's 30 s kill). */
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100, 120_000),
  /**
   * The public address of this server (`https://faq.example.org`), used to make citation links absolute (API,
   * Teams, Slack). Unset: citation urls are paths like `/articles/<id>#unit-3`, and Teams/Slack show plain titles.
   */
  PUBLIC_BASE_URL: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://host' })])
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, '') : undefined)),
  /** Sites (origins like `https://clinic.example`) that may frame the Web Chat page; the own origin always may. */
  WEBCHAT_ALLOWED_ORIGINS: z.string().default('').transform(origins),
  /** Origins whose own front end may call `/api/ask` from the browser (CORS). Default: none. */
  API_CORS_ORIGINS: z.string().default('').transform(origins),
  // --- Optional generative answers (README "Generative answers"); `none` keeps the bot offline and extractive ---
  /** none (default: extractive only) | openai (any OpenAI-compatible server) | azure (Azure OpenAI) | ollama. */
  LLM_PROVIDER: z.enum(['none', 'openai', 'azure', 'ollama']).default('none'),
  /** Base URL of an OpenAI-compatible API, up to and including `/v1` (vLLM, LM Studio, llama.cpp server, OpenAI). */
  OPENAI_BASE_URL: httpUrl.default('https://api.openai.com/v1'),
  /** Bearer key for `openai` (local servers usually need none). */
  OPENAI_API_KEY: optionalString,
  /** Model name for `openai` and `ollama` (e.g. `gpt-4o-mini`, `llama3.1:8b`). */
  LLM_MODEL: optionalString,
  /** Azure OpenAI resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
  AZURE_OPENAI_ENDPOINT: optionalString.pipe(httpUrl.optional()),
  /** Azure OpenAI key (sent as the `api-key` header). */
  AZURE_OPENAI_API_KEY: optionalString,
  /** Azure OpenAI deployment name (the model is chosen by the deployment). */
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  /** Azure OpenAI REST API version of the chat-completions call. */
  AZURE_OPENAI_API_VERSION: z.string().trim().min(1).default('2024-10-21'),
  /** Ollama server; its OpenAI-compatible API is under `/v1`. */
  OLLAMA_BASE_URL: httpUrl.default('http://127.0.0.1:11434'),
  /**
   * Most ms one generative answer may take (first token to last) before the turn falls back to the extractive
   * answer. 20 s: a small local model writes a 4-sentence answer in 5–15 s on a laptop CPU.
   */
  LLM_TIMEOUT_MS: int(20_000, 100, 300_000),
  /** Most tokens the model may write; 400 is ~4–6 cited sentences, the length of an extractive answer and then some. */
  LLM_MAX_TOKENS: int(400, 16, 8_000),
});

export type Config = z.infer<typeof EnvSchema>;

/** Settings that only make sense together: a provider without what it needs fails at start, not on a question. */
const CheckedEnvSchema = EnvSchema.superRefine((env, ctx) => {
  const need = (names: (keyof Config)[]) => {
    for (const name of names)
      if (env[name] === undefined)
        ctx.addIssue({ code: 'custom', path: [name], message: `is required when LLM_PROVIDER=${env.LLM_PROVIDER}` });
  };
  if (env.LLM_PROVIDER === 'openai' || env.LLM_PROVIDER === 'ollama') need(['LLM_MODEL']);
  if (env.LLM_PROVIDER === 'azure') need(['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT']);
});

/** Parses settings from an env-like object. Throws ConfigError naming each bad variable and what is allowed. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = CheckedEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const raw = env[name];
    return `  ${name}: ${describeIssue(issue)}${raw === undefined ? '' : ` (got ${JSON.stringify(raw)})`}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL like https://host/path' : `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

let cached: Config | undefined;

/**
 * The process-wide configuration: `.env` (if present) then the environment, parsed once. Under vitest (`VITEST` is
 * set in every test worker) the developer's `.env` is never read, so tests are hermetic.
 */
export function getConfig(): Config {
  if (!cached) {
    if (!process.env.VITEST && existsSync('.env')) process.loadEnvFile('.env');
    cached = parseConfig(process.env);
  }
  return cached;
}
