import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan, renderAwsCli } from '../../../engine/plan/index.js';
import { KMS_KEY_ARN, MIGRATION_ID, TARGET_ARN, syntheticConfig, syntheticInventory, type ConfigOptions } from './fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function script(config: ConfigOptions = {}): string {
  const inventory = syntheticInventory({
    ...(config.sourceArn === null ? { sourceArn: null } : {}),
    ...(config.targetArn === null ? { targetArn: null } : {}),
  });
  return renderAwsCli(buildPlan(inventory, syntheticConfig(config), { migrationId: MIGRATION_ID }));
}

/** Every `aws ... <service> <operation>` the script can run. */
const ALLOWED_OPERATIONS = new Set([
  's3api head-bucket',
  's3api create-bucket',
  's3api put-public-access-block',
  's3api put-bucket-encryption',
  's3api put-object-lock-configuration',
  's3api get-object-lock-configuration',
  'kafka list-configurations',
  'kafka create-configuration',
  'kafka describe-configuration',
]);

/**
 * A stand-in `aws` on PATH: logs each call (arguments joined by US) and answers like the CLI would:
 * head-bucket succeeds for EXISTING_BUCKETS, get-object-lock-configuration for LOCKED_BUCKETS, list-configurations
 * prints EXISTING_CONFIG_ARN, create-configuration copies the server properties it was given.
 */
const FAKE_AWS = `#!/usr/bin/env bash
log="$FAKE_AWS_DIR/calls.log"
( IFS=$'\\x1f'; printf '%s\\n' "$*" ) >> "$log"
op=""; bucket=""; props=""
prev=""
for arg in "$@"; do
  case "$prev" in
    --bucket) bucket="$arg" ;;
    --server-properties) props="$arg" ;;
  esac
  case "$arg" in
    head-bucket|create-bucket|get-object-lock-configuration|list-configurations|create-configuration|describe-configuration) op="$arg" ;;
  esac
  prev="$arg"
done
case "$op" in
  head-bucket) [[ " $EXISTING_BUCKETS " == *" $bucket "* ]] || exit 254 ;;
  get-object-lock-configuration) [[ " $LOCKED_BUCKETS " == *" $bucket "* ]] || exit 254 ;;
  list-configurations) printf '%s\\n' "\${EXISTING_CONFIG_ARN:-}" ;;
  create-configuration) cat "\${props#fileb://}" > "$FAKE_AWS_DIR/server.properties"; echo "arn:aws:kafka:us-east-1:111122223333:configuration/new/1" ;;
  describe-configuration) echo 1 ;;
esac
exit 0
`;

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly calls: string[][];
  readonly dir: string;
}

function run(text: string, env: Record<string, string> = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), 'kb-aws-cli-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'aws'), FAKE_AWS);
  chmodSync(join(dir, 'aws'), 0o755);
  writeFileSync(join(dir, 'aws-cli.sh'), text);
  const result = spawnSync('bash', [join(dir, 'aws-cli.sh')], {
    env: { PATH: `${dir}:${process.env.PATH ?? ''}`, FAKE_AWS_DIR: dir, HOME: dir, ...env },
    encoding: 'utf8',
  });
  const log = join(dir, 'calls.log');
  const calls = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\x1f'))
    : [];
  return { status: result.status, stderr: result.stderr, calls, dir };
}

function operation(call: string[]): string {
  const index = call.findIndex((arg) => arg === 's3api' || arg === 'kafka');
  return `${call[index]} ${call[index + 1]}`;
}

function callsFor(result: Run, op: string, bucket?: string): string[][] {
  return result.calls.filter((call) => operation(call) === op && (bucket === undefined || call.includes(bucket)));
}

describe('aws-cli.sh: static checks', () => {
  const text = script();

  it('is a bash script with strict mode that bash -n accepts', () => {
    expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(text).toContain('\nset -euo pipefail\n');
    const dir = mkdtempSync(join(tmpdir(), 'kb-aws-cli-n-'));
    dirs.push(dir);
    for (const [name, variant] of [
      ['default.sh', text],
      ['bootstrap-only.sh', script({ targetArn: null, sourceArn: null, region: null, kmsKeyArn: null, retention: null })],
      ['eu.sh', script({ region: 'eu-west-1', s3Endpoint: 'http://127.0.0.1:5000' })],
    ] as const) {
      writeFileSync(join(dir, name), variant);
      const check = spawnSync('bash', ['-n', join(dir, name)], { encoding: 'utf8' });
      expect(check.stderr, name).toBe('');
      expect(check.status, name).toBe(0);
    }
  });

  it('contains nothing destructive: no delete, no rm, only create/put/get/list/describe operations', () => {
    expect(text).not.toMatch(/delete/i);
    expect(text).not.toMatch(/(^|[\s;&|(])rm\s/m);
    // Every line that runs AWS goes through the S3/KAFKA arrays; lines that only print (say) or explain (#) are skipped.
    const running = text.split('\n').filter((line) => /"\$\{(S3|KAFKA)\[@\]\}"/.test(line));
    expect(running.length).toBeGreaterThan(5);
    for (const line of running) {
      const match = /"\$\{(?:S3|KAFKA)\[@\]\}" (s3api|kafka) ([a-z0-9-]+)/.exec(line);
      expect(match, line).not.toBeNull();
      expect(ALLOWED_OPERATIONS.has(`${match?.[1]} ${match?.[2]}`), line).toBe(true);
    }
    for (const line of text.split('\n').filter((item) => item.includes('update-cluster-configuration'))) {
      expect(line.trimStart().startsWith('say ') || line.trimStart().startsWith('#'), line).toBe(true);
    }
  });
});

describe('aws-cli.sh: run against a stand-in aws', () => {
  it('creates missing buckets with encryption, blocked public access and Object Lock on evidence, and the MSK configuration', () => {
    const result = run(script());
    expect(result.stderr).toContain('done: migration');
    expect(result.status).toBe(0);
    const backupCreate = callsFor(result, 's3api create-bucket', 'orders-migration-backup');
    expect(backupCreate).toHaveLength(1);
    expect(backupCreate[0]).not.toContain('--object-lock-enabled-for-bucket');
    expect(backupCreate[0]).not.toContain('--create-bucket-configuration'); // us-east-1
    const evidenceCreate = callsFor(result, 's3api create-bucket', 'orders-migration-evidence');
    expect(evidenceCreate[0]).toContain('--object-lock-enabled-for-bucket');
    expect(callsFor(result, 's3api put-public-access-block')).toHaveLength(2);
    const encryption = callsFor(result, 's3api put-bucket-encryption', 'orders-migration-backup')[0] ?? [];
    const rules = JSON.parse(encryption[encryption.indexOf('--server-side-encryption-configuration') + 1] ?? '{}');
    expect(rules.Rules[0].ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS_KEY_ARN });
    const lock = callsFor(result, 's3api put-object-lock-configuration')[0] ?? [];
    expect(JSON.parse(lock[lock.indexOf('--object-lock-configuration') + 1] ?? '{}')).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } },
    });
    const properties = readFileSync(join(result.dir, 'server.properties'), 'utf8');
    expect(properties).toContain('auto.create.topics.enable=false\n');
    expect(properties).toContain('message.max.bytes=2097152\n');
    expect(properties).toContain('default.replication.factor=3\n');
    expect(callsFor(result, 'kafka create-configuration')[0]).toContain('4.1.x.kraft');
    expect(result.stderr).toContain(`--cluster-arn ${TARGET_ARN}`);
    for (const call of result.calls) expect(call.slice(0, 2)).toEqual(['--region', 'us-east-1']);
  });

  it('leaves existing buckets and an existing MSK configuration exactly as they are', () => {
    const result = run(script(), {
      EXISTING_BUCKETS: 'orders-migration-backup orders-migration-evidence',
      LOCKED_BUCKETS: 'orders-migration-evidence',
      EXISTING_CONFIG_ARN: 'arn:aws:kafka:us-east-1:111122223333:configuration/old/1',
    });
    expect(result.status).toBe(0);
    const operations = new Set(result.calls.map(operation));
    expect([...operations].sort()).toEqual([
      'kafka describe-configuration',
      'kafka list-configurations',
      's3api get-object-lock-configuration',
      's3api head-bucket',
    ]);
    expect(result.stderr).toContain('exists');
  });

  it('warns when an existing evidence bucket has no Object Lock but retention is configured', () => {
    const result = run(script(), { EXISTING_BUCKETS: 'orders-migration-evidence' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/WARNING: orders-migration-evidence has no Object Lock/);
    expect(callsFor(result, 's3api create-bucket', 'orders-migration-evidence')).toEqual([]);
  });

  it('uses a LocationConstraint outside us-east-1, SSE-S3 without a key, no Object Lock without retention, and the endpoint override', () => {
    const result = run(script({ region: 'eu-west-1', kmsKeyArn: null, retention: null, s3Endpoint: 'http://127.0.0.1:5000', sourceArn: null, targetArn: null, sourceAuth: 'plaintext', targetAuth: 'plaintext' }));
    expect(result.status).toBe(0);
    for (const call of callsFor(result, 's3api create-bucket')) {
      expect(call).toContain('LocationConstraint=eu-west-1');
      expect(call).not.toContain('--object-lock-enabled-for-bucket');
      expect(call).toContain('http://127.0.0.1:5000');
    }
    expect(callsFor(result, 's3api put-object-lock-configuration')).toEqual([]);
    const encryption = callsFor(result, 's3api put-bucket-encryption', 'orders-migration-backup')[0] ?? [];
    expect(encryption.join(' ')).toContain('"SSEAlgorithm":"AES256"');
    expect(result.stderr).toMatch(/not named by cluster ARN/);
  });

  it('creates the MSK configuration in the target cluster\'s region, the buckets in the migration\'s region', () => {
    const result = run(script({ region: 'eu-west-1' })); // the clusters' ARNs are in us-east-1
    expect(result.status).toBe(0);
    for (const call of result.calls) {
      expect(call.slice(0, 2), call.join(' ')).toEqual(['--region', operation(call).startsWith('kafka') ? 'us-east-1' : 'eu-west-1']);
    }
    expect(result.stderr).toContain('update-cluster-configuration --region us-east-1');
  });

  it('refuses an Object Lock mode other than COMPLIANCE or GOVERNANCE before calling AWS', () => {
    const result = run(script(), { EVIDENCE_LOCK_MODE: 'LOOSE' });
    expect(result.status).toBe(2);
    expect(result.calls).toEqual([]);
    const governance = run(script(), { EVIDENCE_LOCK_MODE: 'GOVERNANCE' });
    const lock = callsFor(governance, 's3api put-object-lock-configuration')[0] ?? [];
    expect(lock.join(' ')).toContain('"Mode":"GOVERNANCE"');
  });
});
