import type { AgentApplication, AuthConfiguration, Storage, TurnState } from '@microsoft/agents-hosting';
import type { AppContext } from '../context.js';
import { authFromConfig } from './auth-config.js';
import { FaqCloudAdapter } from './adapter.js';
import { createFaqAgent } from './agent.js';
import { KvStorage } from './kv-storage.js';
import { localChannels } from './local-channels.js';
import { LruStorage } from './lru-storage.js';

/** Options for {@link botFrameworkRuntime}; production leaves both unset. */
export interface BotFrameworkOptions {
  /** SDK auth configuration; by default derived from MICROSOFT_APP_ID / _PASSWORD / _TENANT_ID. */
  auth?: AuthConfiguration;
  /**
   * Conversation state storage. Default: {@link KvStorage} on the app's shared storage when it has one (state
   * survives restarts and is common to replicas), else a bounded, expiring in-process {@link LruStorage}.
   */
  storage?: Storage;
}

/** The one adapter + agent pair an app uses: `/api/messages` and the Web Chat bridge share it. */
export interface BotFrameworkRuntime {
  adapter: FaqCloudAdapter;
  agent: AgentApplication<TurnState>;
  storage: Storage;
  /** True when requests to `/api/messages` must carry a valid Bot Framework JWT. */
  authEnabled: boolean;
}

const runtimes = new WeakMap<AppContext, BotFrameworkRuntime>();

/** Returns the app's runtime, creating it on first use (so both channel mounts get the same one). */
export function botFrameworkRuntime(ctx: AppContext, options: BotFrameworkOptions = {}): BotFrameworkRuntime {
  const existing = runtimes.get(ctx);
  if (existing) return existing;
  const auth = options.auth ?? authFromConfig(ctx.config);
  const adapter = new FaqCloudAdapter({
    auth,
    logger: ctx.logger,
    allowedServiceHosts: ctx.config.BOTFRAMEWORK_SERVICE_URL_HOSTS,
    localChannels: localChannels(ctx),
  });
  // One item per conversation (we keep nothing in user scope), bounded and expiring like every other store.
  const ttlMs = ctx.config.CONVERSATION_TTL_MINUTES * 60_000;
  const storage =
    options.storage ??
    (ctx.kv ? new KvStorage(ctx.kv, { ttlMs }) : new LruStorage({ max: ctx.config.CONVERSATION_MAX, ttlMs }));
  const runtime = {
    adapter,
    storage,
    agent: createFaqAgent({ ctx, adapter, storage }),
    authEnabled: Boolean(auth.clientId),
  };
  runtimes.set(ctx, runtime);
  return runtime;
}
