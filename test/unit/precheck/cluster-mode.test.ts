import { describe, expect, it } from 'vitest';
import { SOURCE_ARN, TARGET_ARN, codes, run, withCode } from './builders.js';

describe('B01 control-plane lookup failed', () => {
  it('fires with the reason discovery recorded, subject the ARN', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.controlPlane = undefined;
        inv.target.controlPlaneError = { code: 'CONTROL_PLANE', message: 'MSK DescribeClusterV2: not found in region us-east-1' };
      },
    });
    const [b01] = withCode(report, 'B01');
    expect(b01?.subject).toBe(TARGET_ARN);
    expect(b01?.severity).toBe('blocker');
    expect(b01?.detail).toContain('not found in region us-east-1');
    expect(report.passed).toBe(false);
  });
  it('fires when a cluster is given by ARN and discovery has no description', () => {
    const report = run({ inventory: (inv) => void (inv.source.controlPlane = undefined) });
    expect(withCode(report, 'B01').map((item) => item.subject)).toEqual([SOURCE_ARN]);
  });
  it('does not fire for a cluster given by bootstrap servers only', () => {
    const report = run({
      inventory: (inv) => void (inv.source.controlPlane = undefined),
      config: (config) => {
        config.source.clusterArn = undefined;
        config.source.bootstrapServers = ['b-1.source:9096'];
      },
    });
    expect(withCode(report, 'B01')).toEqual([]);
  });
});

describe('B02 Serverless', () => {
  it('fires for a Serverless target', () => {
    const report = run({
      inventory: (inv) => {
        const plane = inv.target.controlPlane!;
        plane.type = 'SERVERLESS';
        plane.kafkaVersion = undefined;
        plane.metadataMode = 'UNKNOWN';
        inv.target.metadataMode = 'UNKNOWN';
        inv.target.kafkaVersion = undefined;
      },
    });
    expect(withCode(report, 'B02').map((item) => item.subject)).toEqual([TARGET_ARN]);
    expect(codes(report)).not.toContain('W11'); // Serverless is why the mode is unknown
    expect(codes(report)).not.toContain('W10');
  });
  it('fires for a Serverless source', () => {
    const report = run({ inventory: (inv) => void (inv.source.controlPlane!.type = 'SERVERLESS') });
    expect(withCode(report, 'B02').map((item) => item.subject)).toEqual([SOURCE_ARN]);
  });
  it('does not fire for Provisioned clusters', () => {
    expect(withCode(run(), 'B02')).toEqual([]);
  });
});

describe('B03 / B04 metadata modes, W11 unknown mode', () => {
  it('B03 fires for a KRaft source', () => {
    const report = run({ inventory: (inv) => void (inv.source.metadataMode = 'KRAFT') });
    const [b03] = withCode(report, 'B03');
    expect(b03?.subject).toBe(SOURCE_ARN);
    expect(b03?.detail).toContain('KRaft mode');
  });
  it('B04 fires for a ZooKeeper target', () => {
    const report = run({ inventory: (inv) => void (inv.target.metadataMode = 'ZOOKEEPER') });
    expect(withCode(report, 'B04').map((item) => item.subject)).toEqual([TARGET_ARN]);
  });
  it('neither fires for a ZooKeeper source and a KRaft target', () => {
    const report = run();
    expect(withCode(report, 'B03')).toEqual([]);
    expect(withCode(report, 'B04')).toEqual([]);
  });
  it('W11 fires when a reachable cluster reports no mode', () => {
    const report = run({ inventory: (inv) => void (inv.target.metadataMode = 'UNKNOWN') });
    expect(withCode(report, 'W11').map((item) => item.subject)).toEqual([TARGET_ARN]);
    expect(withCode(report, 'B04')).toEqual([]);
  });
  it('W11 does not fire for an unreachable cluster without a description (B09 says why)', () => {
    const report = run({
      inventory: (inv) => {
        inv.source.metadataMode = 'UNKNOWN';
        inv.source.controlPlane = undefined;
        inv.source.reachable = false;
      },
    });
    expect(withCode(report, 'W11')).toEqual([]);
    expect(codes(report)).toContain('B09');
  });
});

describe('B05 same cluster', () => {
  it('fires on the same ARN', () => {
    const report = run({ config: (config) => void (config.target.clusterArn = SOURCE_ARN), inventory: (inv) => void (inv.target.controlPlane!.arn = SOURCE_ARN) });
    const [b05] = withCode(report, 'B05');
    expect(b05?.detail).toContain(`same cluster ARN ${SOURCE_ARN}`);
  });
  it('fires on the same cluster id', () => {
    const report = run({ inventory: (inv) => void (inv.target.clusterId = inv.source.clusterId) });
    expect(withCode(report, 'B05')[0]?.detail).toContain('same cluster id src-cluster-id-AAAA');
  });
  it('fires on overlapping bootstrap servers (case and trailing dot ignored)', () => {
    const report = run({
      inventory: (inv) => void (inv.target.bootstrapServers = ['B-2.SOURCE.kafka.us-east-1.amazonaws.com.:9096']),
    });
    expect(withCode(report, 'B05')[0]?.detail).toContain('overlapping broker endpoints b-2.source.kafka.us-east-1.amazonaws.com:9096');
  });
  it('does not fire for distinct clusters, even on the same port', () => {
    expect(withCode(run(), 'B05')).toEqual([]);
  });
});

describe('B06 target version, W10 unknown version', () => {
  it('B06 fires below 3.7', () => {
    const report = run({ inventory: (inv) => void (inv.target.controlPlane!.kafkaVersion = '3.6.0') });
    expect(withCode(report, 'B06')[0]?.detail).toBe('target Kafka version 3.6.0 is below 3.7');
  });
  it('B06 does not fire at 3.7.x.kraft', () => {
    const report = run({ inventory: (inv) => void (inv.target.controlPlane!.kafkaVersion = '3.7.x.kraft') });
    expect(withCode(report, 'B06')).toEqual([]);
    expect(withCode(report, 'W10')).toEqual([]);
  });
  it('falls back to the brokers\' version when the control plane has none', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.controlPlane = undefined;
        inv.target.kafkaVersion = '3.5.1';
      },
      config: (config) => {
        config.target.clusterArn = undefined;
        config.target.bootstrapServers = ['b-1.target:9096'];
      },
    });
    expect(withCode(report, 'B06')).toHaveLength(1);
  });
  it('W10 fires when no version is known for a reachable target', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.controlPlane = undefined;
        inv.target.kafkaVersion = undefined;
      },
      config: (config) => {
        config.target.clusterArn = undefined;
        config.target.bootstrapServers = ['b-1.target:9096'];
      },
    });
    const [w10] = withCode(report, 'W10');
    expect(w10?.subject).toBe('bootstrap:b-1.target.kafka.us-east-1.amazonaws.com:9096,b-2.target.kafka.us-east-1.amazonaws.com:9096');
    expect(w10?.severity).toBe('warning');
  });
});

describe('B09 / B10 unreachable brokers', () => {
  it('fire with the servers and the error', () => {
    const report = run({
      inventory: (inv) => {
        inv.source.reachable = false;
        inv.source.error = { code: 'CLUSTER_UNREACHABLE', message: 'connect ECONNREFUSED 10.0.0.1:9096' };
        inv.target.reachable = false;
        inv.target.error = { code: 'CLUSTER_UNREACHABLE', message: 'SASL authentication failed' };
      },
    });
    expect(withCode(report, 'B09')[0]?.detail).toBe(
      'source brokers unreachable at b-1.source.kafka.us-east-1.amazonaws.com:9096,b-2.source.kafka.us-east-1.amazonaws.com:9096 (CLUSTER_UNREACHABLE: connect ECONNREFUSED 10.0.0.1:9096)',
    );
    expect(withCode(report, 'B10')[0]?.subject).toBe(TARGET_ARN);
  });
  it('an unreachable target suppresses the checks that need its brokers', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.reachable = false;
        inv.target.limits = {};
        inv.target.brokers = [];
      },
    });
    expect(codes(report).filter((code) => ['W04', 'B11', 'B12', 'W07', 'B15'].includes(code))).toEqual([]);
  });
  it('do not fire for reachable clusters', () => {
    expect(codes(run()).filter((code) => code === 'B09' || code === 'B10')).toEqual([]);
  });
});
