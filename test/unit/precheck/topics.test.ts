import { describe, expect, it } from 'vitest';
import { TARGET_ARN, entry, run, topic, withCode } from './builders.js';

describe('B13 target topic exists with data', () => {
  it('fires with the record count', () => {
    const report = run({ inventory: (inv) => void inv.target.topics.push(topic('orders', { records: 10 })) });
    const [b13] = withCode(report, 'B13');
    expect(b13?.subject).toBe('orders');
    expect(b13?.detail).toBe('topic orders already exists on the target with 30 records in 3 partitions; the seed copies into empty topics only');
  });
  it('does not fire for an empty existing topic (even with advanced offsets), nor for unselected target topics', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.topics.push(topic('orders', { records: 0 }));
        inv.target.topics.push(topic('unrelated', { records: 50 }));
      },
    });
    expect(withCode(report, 'B13')).toEqual([]);
  });
});

describe('B14 target topic with a different partition count', () => {
  it('fires for fewer or more partitions', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.topics.push(topic('orders', { partitions: 1, records: 0 }));
        inv.target.topics.push(topic('payments', { partitions: 12, records: 0 }));
      },
    });
    expect(withCode(report, 'B14').map((item) => item.subject)).toEqual(['orders', 'payments']);
    expect(withCode(report, 'B14')[0]?.detail).toBe('topic orders already exists on the target with 1 partition; the source has 3 (partitions are copied 1:1)');
  });
  it('does not fire for the same count', () => {
    expect(withCode(run({ inventory: (inv) => void inv.target.topics.push(topic('orders', { records: 0 })) }), 'B14')).toEqual([]);
  });
});

describe('B19 offline source partitions', () => {
  it('fires per topic listing the partitions without a leader', () => {
    const report = run({ inventory: (inv) => void (inv.source.topics[1]!.partitions[4]!.leader = -1) });
    const [b19] = withCode(report, 'B19');
    expect(b19?.subject).toBe('payments');
    expect(b19?.detail).toContain('1 partition of source topic payments has no leader (offline): 4');
  });
  it('does not fire when every partition has a leader', () => {
    expect(withCode(run(), 'B19')).toEqual([]);
  });
});

describe('W01 replication factor capped, B20 below min.insync.replicas', () => {
  it('W01 fires once for the target, listing the capped topics', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.brokers = inv.target.brokers.slice(0, 2);
        inv.target.limits.minInsyncReplicas = 1;
      },
    });
    const [w01] = withCode(report, 'W01');
    expect(w01?.subject).toBe(TARGET_ARN);
    expect(w01?.detail).toBe("the target has 2 brokers: 2 topics will get replication factor 2 instead of the source's: orders (RF 3) and payments (RF 3)");
    expect(withCode(report, 'B20')).toEqual([]);
  });
  it('uses the control plane\'s broker count when the target is unreachable', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.reachable = false;
        inv.target.brokers = [];
        inv.target.controlPlane!.brokerCount = 1;
      },
    });
    expect(withCode(report, 'W01')).toHaveLength(1);
  });
  it('B20 fires when the capped RF is below the target min.insync.replicas', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.brokers = inv.target.brokers.slice(0, 1);
        inv.source.topics[0]!.configs = [entry('min.insync.replicas', '2')];
      },
    });
    const b20 = withCode(report, 'B20');
    expect(b20.map((item) => item.subject)).toEqual(['orders', 'payments']);
    expect(b20[0]?.remedy).toContain('on the source topic (topology copy carries it)');
    expect(b20[1]?.detail).toContain('min.insync.replicas=2 (target broker default)');
  });
  it('neither fires when the target has enough brokers', () => {
    const report = run();
    expect(withCode(report, 'W01')).toEqual([]);
    expect(withCode(report, 'B20')).toEqual([]);
  });
});

describe('W07 auto.create.topics.enable on the target', () => {
  it('fires when true', () => {
    const report = run({ inventory: (inv) => void (inv.target.limits.autoCreateTopicsEnable = true) });
    expect(withCode(report, 'W07').map((item) => item.subject)).toEqual([TARGET_ARN]);
  });
  it('does not fire when false or unknown', () => {
    expect(withCode(run(), 'W07')).toEqual([]);
    expect(withCode(run({ inventory: (inv) => void (inv.target.limits.autoCreateTopicsEnable = undefined) }), 'W07')).toEqual([]);
  });
});
