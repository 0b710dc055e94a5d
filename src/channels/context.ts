import type { ChannelContext } from '../core/channel-context.js';
import type { Config } from '../config/env.js';

/** The context every channel of this app receives: the core's channel port with the app's settings. */
export type AppContext = ChannelContext<Config>;
