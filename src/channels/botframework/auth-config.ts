import type { AuthConfiguration } from '@microsoft/agents-hosting';
import type { Config } from '../../config/env.js';

/**
 * SDK auth settings from our env. Without an app id the endpoint is anonymous, which the SDK allows only
 * outside production; in production it refuses to start, so we give it an id no token can carry instead:
 * `/api/messages` then rejects every request (401) while the in-process Web Chat bridge keeps working.
 * Its own module (types only from the SDK): the router needs it at start, before the SDK is loaded.
 */
export function authFromConfig(config: Config, nodeEnv = process.env.NODE_ENV): AuthConfiguration {
  if (config.MICROSOFT_APP_ID) {
    return {
      clientId: config.MICROSOFT_APP_ID,
      ...(config.MICROSOFT_APP_PASSWORD ? { clientSecret: config.MICROSOFT_APP_PASSWORD } : {}),
      ...(config.MICROSOFT_APP_TENANT_ID ? { tenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
    };
  }
  if (nodeEnv?.toLowerCase() === 'production') return { clientId: UNCONFIGURED_APP_ID };
  return {};
}

/** Stands in for a missing app id in production; see {@link authFromConfig}. */
export const UNCONFIGURED_APP_ID = '00000000-0000-0000-0000-000000000000';
