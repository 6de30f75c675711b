import { describe, expect, it } from 'vitest';
import { renderFindingLine } from '../../../engine/precheck/index.js';
import { TARGET_ARN, entry, run, topic, withCode } from './builders.js';

const W04_LINE =
  "W04 warn: could not verify target message-size floor (target broker DescribeConfigs returned no message.max.bytes or replica.fetch.max.bytes (dynamic-config only on this broker)) — ensure target `message.max.bytes` and `replica.fetch.max.bytes` ≥ largest source topic's effective max.message.bytes";

describe('B11 target message.max.bytes', () => {
  it('fires when the source broker allows larger records than the target broker, naming the largest topic', () => {
    const report = run({
      inventory: (inv) => {
        inv.source.limits.messageMaxBytes = 5_000_000;
        inv.source.topics.push(topic('events', { configs: [entry('max.message.bytes', '8000000', 'DYNAMIC_BROKER_CONFIG')] }));
      },
    });
    const [b11] = withCode(report, 'B11');
    expect(b11?.subject).toBe(TARGET_ARN);
    expect(b11?.detail).toBe(
      "target message.max.bytes=1048588 is below the largest source topic's effective max.message.bytes (events: 8000000); 3 topics without a topic-level max.message.bytes would refuse records: events, orders and payments",
    );
    expect(b11?.remedy).toContain('≥ 8000000');
  });
  it('does not fire for a topic whose own max.message.bytes is carried to the target', () => {
    const report = run({ inventory: (inv) => void inv.source.topics.push(topic('big', { configs: [entry('max.message.bytes', '10485760')] })) });
    expect(withCode(report, 'B11')).toEqual([]);
  });
  it('fires per topic when an existing target topic keeps a smaller limit (keep_target)', () => {
    const report = run({
      config: (config) => void (config.topology.onConfigDrift = 'keep_target'),
      inventory: (inv) => {
        inv.source.topics[0]!.configs = [entry('max.message.bytes', '4000000')];
        inv.target.topics.push(topic('orders', { records: 0, configs: [entry('max.message.bytes', '1000000')] }));
      },
    });
    const [b11] = withCode(report, 'B11');
    expect(b11?.subject).toBe('orders');
    expect(b11?.detail).toContain('keeps max.message.bytes=1000000');
  });
  it('does not fire when the target allows as much as the source', () => {
    expect(withCode(run(), 'B11')).toEqual([]);
  });
});

describe('B12 target replica.fetch.max.bytes', () => {
  it('fires against the largest effective limit, carried topic configs included', () => {
    const report = run({ inventory: (inv) => void inv.source.topics.push(topic('big', { configs: [entry('max.message.bytes', '10485760')] })) });
    const [b12] = withCode(report, 'B12');
    expect(b12?.subject).toBe(TARGET_ARN);
    expect(b12?.detail).toContain("replica.fetch.max.bytes=1048576 is below the largest source topic's effective max.message.bytes (big: 10485760)");
  });
  it('does not fire for Kafka\'s default pair (1048576 vs 1048588: the 12-byte log overhead)', () => {
    expect(withCode(run(), 'B12')).toEqual([]);
  });
});

describe('W04 message-size floor not verifiable', () => {
  it('prints the reference line word for word when the target returned neither value', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.messageMaxBytes = undefined;
        inv.target.limits.replicaFetchMaxBytes = undefined;
      },
    });
    const [w04] = withCode(report, 'W04');
    expect(w04?.severity).toBe('warning');
    expect(renderFindingLine(w04!)).toBe(W04_LINE);
  });
  it('fires when only one of the two is missing', () => {
    expect(withCode(run({ inventory: (inv) => void (inv.target.limits.replicaFetchMaxBytes = undefined) }), 'W04')).toHaveLength(1);
  });
  it('does not fire when both are known', () => {
    expect(withCode(run(), 'W04')).toEqual([]);
  });
});
