import { describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicyFile, PolicyFileError, BUNDLED_POLICY_FILE } from '../../src/safety/policy-file.js';
import { bundledPolicyObject, tempDir, writePolicy } from './helpers.js';
import { stringify } from 'yaml';

function errorOf(policy: unknown): PolicyFileError {
  try {
    parsePolicyFile(typeof policy === 'string' ? policy : stringify(policy), 'qa-policy.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return error as PolicyFileError;
  }
  throw new Error('expected the policy file to be rejected');
}

describe('policy file validation', () => {
  it('accepts the bundled policy file', () => {
    const { policy } = loadPolicyFile(BUNDLED_POLICY_FILE);
    expect(policy.rules.length).toBeGreaterThan(20);
    expect(policy.exemplars.length).toBeGreaterThan(100);
  });

  it('names the file, the rule id and the field for a bad regular expression', () => {
    const policy = bundledPolicyObject();
    (policy.rules as { id: string; pattern: string }[])[0]!.pattern = '(unclosed';
    const error = errorOf(policy);
    expect(error.code).toBe('invalid_safety_policy');
    expect(error.message).toMatch(/qa-policy\.yaml: rules\[0\] \(id "crisis-suicide"\)\.pattern: is not a valid regular expression/);
  });

  it('names a missing text and an unknown label', () => {
    const policy = bundledPolicyObject();
    delete (policy.texts as Record<string, unknown>).crisis;
    (policy.exemplars as { label: string }[])[3]!.label = 'rude';
    const error = errorOf(policy);
    expect(error.message).toMatch(/qa-policy\.yaml: texts\.crisis:/);
    expect(error.message).toMatch(/qa-policy\.yaml: exemplars\[3\] \(id "[^"]+"\)\.label:/);
  });

  it('rejects duplicate ids, misplaced fields and a label without exemplars', () => {
    const policy = bundledPolicyObject();
    const rules = policy.rules as Record<string, unknown>[];
    rules[1]!.id = rules[0]!.id;
    rules[2]!.reply = 'greeting';
    policy.exemplars = (policy.exemplars as { label: string }[]).filter((e) => e.label !== 'smalltalk');
    const error = errorOf(policy);
    expect(error.message).toMatch(/rules\[1\] \(id "crisis-suicide"\)\.id: duplicate id/);
    expect(error.message).toMatch(/rules\[2\] \(id "[^"]+"\)\.reply: only smalltalk items take a reply/);
    expect(error.message).toMatch(/exemplars: no exemplar labelled "smalltalk"/);
  });

  it('rejects unknown keys (a typo in a field name is not silently ignored)', () => {
    const policy = bundledPolicyObject();
    (policy.rules as Record<string, unknown>[])[0]!.patern = 'x';
    expect(errorOf(policy).message).toMatch(/rules\[0\] \(id "crisis-suicide"\)/);
  });

  it('reports YAML syntax errors and unreadable files with the file name', () => {
    expect(errorOf('rules: [unclosed').message).toMatch(/^qa-policy\.yaml: not valid YAML/);
    const missing = `${tempDir()}/nope.yaml`;
    expect(() => loadPolicyFile(missing)).toThrow(new RegExp(`${missing}: cannot read`));
  });

  it('loads a QA-extended policy from disk', () => {
    const policy = bundledPolicyObject();
    (policy.rules as unknown[]).push({ id: 'qa-extra', category: 'dosing', pattern: '\\bwidget dose\\b' });
    const file = writePolicy(tempDir(), policy);
    expect(loadPolicyFile(file).policy.rules.at(-1)?.id).toBe('qa-extra');
  });
});
