import { describe, expect, it } from 'vitest';
import { stem } from '../../src/text/stem.js';

describe('stem', () => {
  it('meets plural and inflected forms', () => {
    expect(stem('infusions')).toBe(stem('infusion'));
    expect(stem('approved')).toBe(stem('approve'));
    expect(stem('therapies')).toBe(stem('therapy'));
    expect(stem('parties')).toBe(stem('party'));
    expect(stem('quickly')).toBe(stem('quick'));
    expect(stem('planning')).toBe(stem('plan'));
  });

  it('keeps words apart that mean different things, and short words whole', () => {
    expect(stem('dizziness')).toBe('dizziness');
    expect(stem('medical')).not.toBe(stem('medication'));
    expect(stem('depression')).not.toBe(stem('depressed'));
    expect(stem('us')).toBe('us');
    expect(stem("ketamine's")).toBe(stem('ketamine'));
  });
});
