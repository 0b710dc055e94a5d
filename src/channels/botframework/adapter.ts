import type { Activity } from '@microsoft/agents-activity';
import {
  CloudAdapter,
  type AuthConfiguration,
  type ResourceResponse,
  type TurnContext,
} from '@microsoft/agents-hosting';
import type { Logger } from '../../core/logger.js';
import { checkServiceUrl, type ServiceUrlPolicy, type ServiceUrlProblem } from './service-url.js';

/** Delivers one bot activity to an in-process channel and returns the id the channel gave it. */
export type LocalDelivery = (activity: Activity) => Promise<string>;

/** Options for {@link FaqCloudAdapter}. */
export interface FaqCloudAdapterOptions {
  /** SDK auth configuration: `{}` runs anonymously (local use); with a clientId every request needs a valid JWT. */
  auth: AuthConfiguration;
  logger: Logger;
  /** With an app id, the hosts replies may go to (BOTFRAMEWORK_SERVICE_URL_HOSTS). */
  allowedServiceHosts: readonly string[];
  /**
   * In-process channels by serviceUrl, shared with whoever registers them (src/channels/botframework/local-channels.ts):
   * the Web Chat bridge registers at start, before this adapter (and the SDK) is loaded. A new map by default.
   */
  localChannels?: Map<string, LocalDelivery>;
}

/** Raised instead of sending a reply to a serviceUrl the policy refuses (the request relay guard). */
export class ServiceUrlRefusedError extends Error {
  constructor(readonly problem: ServiceUrlProblem) {
    super(`Refused to send a reply to a serviceUrl that is not allowed (${problem}).`);
    this.name = 'ServiceUrlRefusedError';
  }
}

/**
 * The SDK's CloudAdapter plus in-process channels. The Web Chat bridge lives in this process, so its replies
 * must not travel through an HTTP connector: activities whose conversation came from a registered local
 * `serviceUrl` are handed to that channel's delivery function; everything else (Teams, Azure Bot Service,
 * the Emulator) goes out through the SDK's connector client as usual.
 */
export class FaqCloudAdapter extends CloudAdapter {
  private readonly local: Map<string, LocalDelivery>;
  private readonly policy: ServiceUrlPolicy;

  constructor(private readonly options: FaqCloudAdapterOptions) {
    // With an app id, insist that the token's serviceurl claim matches the activity (SSRF / confused deputy).
    super(options.auth, undefined, undefined, { validateServiceUrl: Boolean(options.auth.clientId) });
    this.onTurnError = async (context, error) => this.handleTurnError(context, error);
    this.local = options.localChannels ?? new Map();
    this.policy = {
      authEnabled: Boolean(options.auth.clientId),
      allowedHosts: options.allowedServiceHosts,
      isLocalChannel: (serviceUrl) => this.local.has(serviceUrl),
    };
  }

  /** Why the bot must not reply to `serviceUrl`, or `undefined` when it may (see {@link checkServiceUrl}). */
  serviceUrlProblem(serviceUrl: string): ServiceUrlProblem | undefined {
    return checkServiceUrl(serviceUrl, this.policy);
  }

  /** Routes replies for conversations whose `serviceUrl` is `serviceUrl` to `deliver`. */
  registerLocalChannel(serviceUrl: string, deliver: LocalDelivery): void {
    this.local.set(serviceUrl, deliver);
  }

  override async sendActivities(context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    const deliver = this.local.get(context.activity.serviceUrl ?? '');
    if (!deliver) {
      // The router refuses such activities before any work; this is the last line, for every other caller.
      for (const activity of activities) {
        if (activity.type === 'invokeResponse' || activity.type === 'trace') continue;
        const problem = this.serviceUrlProblem(activity.serviceUrl ?? '');
        if (problem) throw new ServiceUrlRefusedError(problem);
      }
      return super.sendActivities(context, activities);
    }
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // invokeResponse and trace never leave the process: the base class records / drops them.
      if (activity.type === 'invokeResponse' || activity.type === 'trace') {
        responses.push(...(await super.sendActivities(context, [activity])));
      } else {
        responses.push({ id: await deliver(activity) });
      }
    }
    return responses;
  }

  /**
   * The SDK default tells users to "fix the source code"; ours apologises and logs. If even the apology
   * cannot be delivered, the channel is unreachable: rethrow so the HTTP layer answers 502.
   */
  private async handleTurnError(context: TurnContext, error: Error): Promise<void> {
    // Never try to apologise to an address we refused to talk to.
    if (error instanceof ServiceUrlRefusedError) throw error;
    this.options.logger.error('botframework_turn_failed', {
      channel: context.activity.channelId,
      type: context.activity.type,
      error: error.message,
      stack: error.stack,
    });
    if (context.activity.type !== 'message') throw error;
    await context.sendActivity(
      'Sorry, something went wrong on our side while answering. Please try again in a moment.',
    );
  }
}
