/** Where a Slack message lives: enough to name its conversation and to reply in the right place. */
export interface SlackPlace {
  /** Workspace (team) id; enterprise id or "unknown" when Slack leaves it out. */
  team: string;
  channel: string;
  /** The thread's root ts, when the message is in (or starts) a thread. */
  threadTs?: string;
}

/** Direct-message channel ids start with "D". */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/**
 * The bot conversation a Slack message belongs to. A thread is one conversation (follow-ups resolve
 * against it); a DM outside threads is one running conversation, forgotten after the conversation TTL.
 */
export function conversationIdFor(place: SlackPlace): string {
  const base = `slack:${place.team}:${place.channel}`;
  return place.threadTs ? `${base}:${place.threadTs}` : base;
}

/** `/ketamine` answers are private to the asker, so each user has their own conversation per channel. */
export function slashConversationId(team: string, channel: string, user: string): string {
  return `slack:${team}:${channel}:user:${user}`;
}
