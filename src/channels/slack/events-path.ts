/** The one URL Slack calls for events, slash commands and interactivity (see `slack/manifest.yaml`). */
export const SLACK_EVENTS_PATH = '/slack/events';
