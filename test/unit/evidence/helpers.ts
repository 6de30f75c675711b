import { generateKeyPairSync } from 'node:crypto';
import { buildEvidenceBundle, generateSigningKey, type BuiltEvidence, type EvidenceSigningKey } from '../../../engine/evidence/index.js';

/** Parts shaped like what finalize will pass: plan, cutover report with the freeze window, translated offsets, ... */
export function sampleParts(): Record<string, unknown> {
  return {
    plan: { migration_id: 'mig-ev-1', topics: [{ name: 'orders', partitions: 3 }], created_at: '2026-11-25T10:00:00Z' },
    'access-map.json': { principals: [{ name: 'User:app', topics: ['orders'] }] },
    cutover: { freeze_started_at: '2026-11-25T12:00:00.000000Z', freeze_ended_at: '2026-11-25T12:00:41.250000Z', groups: 3 },
    'translated-offsets': [{ group: 'billing', topic: 'orders', partition: 0, source: 1204, target: 1200 }],
    validation: { outcome: 'PASSED', checks: ['topic_parity', 'counts', 'spot_check', 'sentinels', 'groups'] },
    journal: [{ seq: 1, kind: 'state', state: 'planned', note: 'ünïcode ✓' }],
  };
}

export function buildSample(key: EvidenceSigningKey = generateSigningKey(), parts = sampleParts()): BuiltEvidence {
  return buildEvidenceBundle(parts, {
    toolVersion: '0.1.0',
    migrationId: 'mig-ev-1',
    clusters: { source: { cluster_arn: 'arn:aws:kafka:us-east-1:123456789012:cluster/src/abc' }, target: { cluster_arn: 'arn:aws:kafka:us-east-1:123456789012:cluster/dst/def' } },
    startedAt: '2026-11-25T10:00:00Z',
    finishedAt: '2026-11-25T13:00:00Z',
    createdAt: '2026-11-25T13:00:01Z',
    signingKey: key,
  });
}

export function ed25519Pem(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    publicPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

/** Replaces the first occurrence of `from` in `text` (which must be there) with `to`: a one-place edit. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`not in the bundle: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Flips one character of the string value at JSON path `path` of the bundle, leaving the JSON valid. */
export function flipCharAt(bundleText: string, path: string[], index = 0): string {
  const doc = JSON.parse(bundleText) as Record<string, unknown>;
  let node: any = doc;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path.at(-1) as string;
  const value = String(node[last]);
  const ch = value[index] as string;
  const flipped = ch === 'A' ? 'B' : ch === 'a' ? 'b' : ch === '0' ? '1' : 'A';
  node[last] = value.slice(0, index) + flipped + value.slice(index + 1);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
