import { describe, expect, it } from 'vitest';
import { TARGET_ARN, entry, run, topic, withCode } from './builders.js';

const DAY = 86_400_000;

describe('B15 target timestamp limit rejects retained records', () => {
  it('fires once for the target broker limit, listing the topics that retain older records', () => {
    const report = run({ inventory: (inv) => void (inv.target.limits.logMessageTimestampBeforeMaxMs = DAY) });
    const b15 = withCode(report, 'B15');
    expect(b15).toHaveLength(1);
    expect(b15[0]?.subject).toBe(TARGET_ARN);
    expect(b15[0]?.detail).toContain('target log.message.timestamp.before.max.ms=86400000 rejects copied records older than 1d');
    expect(b15[0]?.detail).toContain('orders (retention 7d) and payments (retention 7d)');
  });
  it('fires for a compacted topic under any finite limit', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.logMessageTimestampBeforeMaxMs = 30 * DAY;
        inv.source.topics.push(topic('state', { configs: [entry('cleanup.policy', 'compact')] }));
      },
    });
    expect(withCode(report, 'B15')[0]?.detail).toContain('state (compacted, keeps records of any age)');
  });
  it("fires per topic when the source topic's own limit is carried", () => {
    const report = run({
      inventory: (inv) => {
        inv.source.topics[0]!.configs = [entry('message.timestamp.difference.max.ms', String(3_600_000))];
        inv.target.controlPlane!.kafkaVersion = '3.9.x';
      },
    });
    const [b15] = withCode(report, 'B15');
    expect(b15?.subject).toBe('orders');
    expect(b15?.detail).toContain('source topic orders sets message.timestamp.difference.max.ms=3600000 itself, and topology copy carries it to the target topic');
    expect(b15?.remedy).toContain('on source topic orders');
  });
  it('ignores difference.max.ms on a Kafka 4 target (removed there)', () => {
    const report = run({ inventory: (inv) => void (inv.target.limits.logMessageTimestampDifferenceMaxMs = 3_600_000) });
    expect(withCode(report, 'B15')).toEqual([]);
  });
  it('applies difference.max.ms on a 3.x target', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.controlPlane!.kafkaVersion = '3.9.x';
        inv.target.limits.logMessageTimestampDifferenceMaxMs = 3_600_000;
      },
    });
    expect(withCode(report, 'B15')).toHaveLength(1);
  });
  it('does not fire without a limit, or with a limit above retention + segment + seed', () => {
    expect(withCode(run(), 'B15')).toEqual([]);
    const report = run({ inventory: (inv) => void (inv.target.limits.logMessageTimestampBeforeMaxMs = 15 * DAY) });
    expect(withCode(report, 'B15')).toEqual([]);
    expect(withCode(report, 'W05')).toEqual([]);
  });
});

describe('W05 target timestamp limit may reject the oldest records', () => {
  it('fires when retention fits under the limit but retention + segment.ms does not', () => {
    const report = run({ inventory: (inv) => void (inv.target.limits.logMessageTimestampBeforeMaxMs = 10 * DAY) });
    const [w05] = withCode(report, 'W05');
    expect(w05?.severity).toBe('warning');
    expect(w05?.detail).toContain('orders (retention 7d + segment 7d)');
    expect(withCode(report, 'B15')).toEqual([]);
  });
  it('fires per topic for an existing target topic that keeps its own limit', () => {
    const report = run({
      config: (config) => void (config.topology.onConfigDrift = 'keep_target'),
      inventory: (inv) => void inv.target.topics.push(topic('orders', { records: 0, configs: [entry('message.timestamp.before.max.ms', String(10 * DAY))] })),
    });
    expect(withCode(report, 'W05').map((item) => item.subject)).toEqual(['orders']);
  });
});

describe('W06 LogAppendTime on the target', () => {
  it('fires once for a LogAppendTime target broker, and the past limits no longer apply', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.logMessageTimestampType = 'LogAppendTime';
        inv.target.limits.logMessageTimestampBeforeMaxMs = DAY;
      },
    });
    const w06 = withCode(report, 'W06');
    expect(w06.map((item) => item.subject)).toEqual([TARGET_ARN]);
    expect(w06[0]?.detail).toContain('2 source topics with CreateTime timestamps');
    expect(withCode(report, 'B15')).toEqual([]);
  });
  it('does not fire for a source topic that is LogAppendTime itself (its setting is carried)', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.logMessageTimestampType = 'LogAppendTime';
        inv.source.topics = [topic('clicks', { configs: [entry('message.timestamp.type', 'LogAppendTime')] })];
      },
    });
    expect(withCode(report, 'W06')).toEqual([]);
  });
  it("does not fire when the source topic's own CreateTime is carried to a LogAppendTime target", () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.logMessageTimestampType = 'LogAppendTime';
        inv.source.topics = [topic('clicks', { configs: [entry('message.timestamp.type', 'CreateTime')] })];
      },
    });
    expect(withCode(report, 'W06')).toEqual([]);
  });
  it('does not fire for a CreateTime target', () => {
    expect(withCode(run(), 'W06')).toEqual([]);
  });
});

describe('unlimited timestamp limits', () => {
  it('treat Long.MAX_VALUE, as read or as clamped by discovery, as no limit', () => {
    for (const value of [Number.MAX_SAFE_INTEGER, 9_223_372_036_854_775_807]) {
      const report = run({
        inventory: (inv) => {
          inv.target.limits.logMessageTimestampBeforeMaxMs = value;
          inv.source.topics.push(topic('state', { configs: [entry('cleanup.policy', 'compact')] }));
        },
      });
      expect(withCode(report, 'B15')).toEqual([]);
    }
  });
  it('say "retains" for one topic', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.logMessageTimestampBeforeMaxMs = DAY;
        inv.source.topics = [topic('state', { configs: [entry('cleanup.policy', 'compact')] })];
      },
    });
    expect(withCode(report, 'B15')[0]?.detail).toContain('but 1 selected topic retains older records: state (compacted');
  });
});
