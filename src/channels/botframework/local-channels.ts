import type { AppContext } from '../context.js';
import type { LocalDelivery } from './adapter.js';

const channels = new WeakMap<AppContext, Map<string, LocalDelivery>>();

/**
 * The app's in-process Bot Framework channels (the Web Chat bridge) by serviceUrl. Registered here at start, without
 * loading the Agents SDK; the adapter, created with the SDK on the first Bot Framework turn, reads this same map.
 */
export function localChannels(ctx: AppContext): Map<string, LocalDelivery> {
  let map = channels.get(ctx);
  if (!map) {
    map = new Map();
    channels.set(ctx, map);
  }
  return map;
}
