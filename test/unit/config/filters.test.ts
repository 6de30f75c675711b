import { describe, expect, it } from 'vitest';
import { compileFilter, compilePattern } from '../../../engine/config/index.js';

describe('name filters', () => {
  it('matches globs against the whole name', () => {
    expect(compilePattern('orders.*').test('orders.eu')).toBe(true);
    expect(compilePattern('orders.*').test('xorders.eu')).toBe(false);
    expect(compilePattern('orders.?').test('orders.e')).toBe(true);
    expect(compilePattern('orders.?').test('orders.eu')).toBe(false);
    expect(compilePattern('a.b').test('axb')).toBe(false); // dots are literal in globs
  });

  it('treats /.../ as a regular expression searched anywhere unless anchored, with an optional i flag', () => {
    expect(compilePattern('/tmp/').test('orders-tmp-1')).toBe(true);
    expect(compilePattern('/^tmp/').test('orders-tmp-1')).toBe(false);
    expect(compilePattern('/^ORDERS/i').test('orders')).toBe(true);
  });

  it('selects names matching an include pattern and no exclude pattern', () => {
    const selected = compileFilter({ include: ['*'], exclude: ['__*', '/^_schemas$/'] });
    expect(['orders', '__consumer_offsets', '_schemas', '_schemas2'].filter(selected)).toEqual(['orders', '_schemas2']);
  });
});
