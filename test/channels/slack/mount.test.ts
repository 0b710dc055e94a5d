import express from 'express';
import { describe, expect, it } from 'vitest';
import { mountSlack } from '../../../src/channels/slack/index.js';
import { parseConfig } from '../../../src/config/env.js';
import type { Logger } from '../../../src/core/logger.js';
import { MemoryFeedbackStore } from '../../doubles/memory-feedback-store.js';

type Line = { level: string; event: string; fields: Record<string, unknown> };

function capture(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      lines.push({ level, event, fields });
    };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

function mount(env: Record<string, string>): { mounted: boolean; lines: Line[] } {
  const { logger, lines } = capture();
  const ctx = { config: parseConfig(env), logger, feedback: new MemoryFeedbackStore(), getBot: () => undefined };
  const mounted = mountSlack(express(), ctx);
  return { mounted, lines };
}

describe('mountSlack start-up log', () => {
  it('says once, at info, that Slack is disabled and names the two variables when neither is set', () => {
    const { mounted, lines } = mount({});
    expect(mounted).toBe(false);
    const disabled = lines.filter((l) => l.event === 'slack_disabled');
    expect(disabled).toHaveLength(1);
    expect(disabled[0]!.level).toBe('info');
    expect(String(disabled[0]!.fields.reason)).toMatch(/SLACK_SIGNING_SECRET.*SLACK_BOT_TOKEN/);
  });

  it('warns when only one of the two is set, and logs slack_enabled (not disabled) when both are', () => {
    const half = mount({ SLACK_BOT_TOKEN: 'xoxb-1' });
    const halfDisabled = half.lines.filter((l) => l.event === 'slack_disabled');
    expect(halfDisabled.map((l) => l.level)).toEqual(['warn']);
    expect(halfDisabled[0]!.fields.missing).toEqual(['SLACK_SIGNING_SECRET']);
    const other = mount({ SLACK_SIGNING_SECRET: 's' }).lines.find((l) => l.event === 'slack_disabled');
    expect(other?.fields.missing).toEqual(['SLACK_BOT_TOKEN']);
    const full = mount({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(full.mounted).toBe(true);
    expect(full.lines.map((l) => l.event)).toContain('slack_enabled');
    expect(full.lines.some((l) => l.event === 'slack_disabled')).toBe(false);
  });
});
