import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema, parseConfig } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';

describe('parseConfig', () => {
  it('has a default for every setting: an empty environment is a working configuration', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      CORPUS_DIR: 'corpus',
      INDEX_DIR: '.index',
      WEBCHAT_ENABLED: true,
    });
    expect(config.ANSWER_MIN_CONFIDENCE).toBeGreaterThan(0);
    expect(config.ANSWER_MIN_CONFIDENCE).toBeLessThan(1);
    expect(config.ANSWER_MAX_SENTENCES).toBeLessThanOrEqual(4);
    expect(config.MICROSOFT_APP_ID).toBeUndefined();
  });

  it('coerces numbers and booleans from strings', () => {
    const config = parseConfig({ PORT: '8080', ANSWER_MIN_CONFIDENCE: '0.35', WEBCHAT_ENABLED: 'no' });
    expect(config.PORT).toBe(8080);
    expect(config.ANSWER_MIN_CONFIDENCE).toBe(0.35);
    expect(config.WEBCHAT_ENABLED).toBe(false);
    expect(parseConfig({ WEBCHAT_ENABLED: 'TRUE' }).WEBCHAT_ENABLED).toBe(true);
  });

  it('treats empty optional strings as unset (.env files often carry NAME=)', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: '', MICROSOFT_APP_ID: '   ' })).toMatchObject({
      SLACK_BOT_TOKEN: undefined,
      MICROSOFT_APP_ID: undefined,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT: must be at most 65535/],
    [{ PORT: '3.5' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: must be one of "debug", "info", "warn", "error", "silent"/],
    [{ ANSWER_MAX_SENTENCES: '9' }, /ANSWER_MAX_SENTENCES: must be at most 4/],
    [{ ANSWER_MIN_CONFIDENCE: '-1' }, /ANSWER_MIN_CONFIDENCE: must be at least 0/],
    [{ WEBCHAT_ENABLED: 'maybe' }, /WEBCHAT_ENABLED: must be one of .*"true".*"false"/],
    [{ SLACK_API_URL: 'not a url' }, /SLACK_API_URL/],
  ])('%j is a ConfigError naming the variable and what is allowed', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('a non-numeric PORT says it must be a number and echoes the value', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT: must be a number \(got "abc"\)/);
  });

  it('reports every bad variable at once', () => {
    try {
      parseConfig({ PORT: 'abc', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });
});

describe('documentation stays in sync with EnvSchema', () => {
  const keys = Object.keys(EnvSchema.shape);

  it('.env.example lists every setting, and nothing else', async () => {
    const example = await readFile(resolve('.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    for (const key of keys) expect(listed, `.env.example documents ${key}`).toContain(key);
    for (const key of listed) expect(keys, `.env.example's ${key} is a real setting`).toContain(key);
  });

  it('.env.example parses as a valid configuration', async () => {
    const env: Record<string, string> = {};
    for (const m of (await readFile(resolve('.env.example'), 'utf8')).matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm))
      env[m[1] as string] = m[2] as string;
    expect(() => parseConfig(env)).not.toThrow();
  });

  it('.env.example shows the real default of every setting it sets (its header promises that)', async () => {
    const example = await readFile(resolve('.env.example'), 'utf8');
    const defaults = parseConfig({}) as Record<string, unknown>;
    for (const m of example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)) {
      const key = m[1] as string;
      const value = m[2] as string;
      const documented = parseConfig({ [key]: value }) as Record<string, unknown>;
      expect(documented[key], `${key}=${value} in .env.example vs default ${String(defaults[key])}`).toEqual(
        defaults[key],
      );
    }
  });

  it('README.md mentions every setting', async () => {
    const readme = await readFile(resolve('README.md'), 'utf8');
    for (const key of keys) expect(readme, `README documents ${key}`).toContain(key);
  });
});
