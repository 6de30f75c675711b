/**
 * The catalogue of every code the precheck can emit: its severity, how the line prints it, what its subject names and
 * what it checks. Rules create findings only through `finding()`, so a code's severity lives here and nowhere else.
 * docs/precheck-codes.md documents each entry (a unit test keeps the two in step).
 */
import type { Finding, Severity } from './finding.js';

export type SubjectKind = 'cluster' | 'topic' | 'cluster-or-topic' | 'group' | 'principal' | 'bucket' | 'kms-key';

export interface CodeEntry {
  readonly severity: Severity;
  /** The severity word on the printed line: `blocker`, `warn` or `info` (W03 prints `info`, as the reference does). */
  readonly printed: 'blocker' | 'warn' | 'info';
  readonly subject: SubjectKind;
  /** One line: what fires it. */
  readonly title: string;
}

function entry(severity: Severity, subject: SubjectKind, title: string, printed?: CodeEntry['printed']): CodeEntry {
  return { severity, subject, title, printed: printed ?? (severity === 'warning' ? 'warn' : severity) };
}

export const PRECHECK_CODES = {
  B01: entry('blocker', 'cluster', 'MSK control-plane lookup of a cluster given by ARN failed'),
  B02: entry('blocker', 'cluster', 'cluster is MSK Serverless (only Provisioned clusters are supported)'),
  B03: entry('blocker', 'cluster', 'source cluster is not in ZooKeeper mode'),
  B04: entry('blocker', 'cluster', 'target cluster is not in KRaft mode'),
  B05: entry('blocker', 'cluster', 'source and target are the same cluster'),
  B06: entry('blocker', 'cluster', 'target Kafka version is below 3.7'),
  B07: entry('blocker', 'bucket', 'backup bucket unreachable or not writable'),
  B08: entry('blocker', 'bucket', 'evidence bucket unreachable or not writable'),
  B09: entry('blocker', 'cluster', 'source brokers unreachable'),
  B10: entry('blocker', 'cluster', 'target brokers unreachable'),
  B11: entry('blocker', 'cluster-or-topic', "target message.max.bytes below a source topic's effective max.message.bytes"),
  B12: entry('blocker', 'cluster', "target replica.fetch.max.bytes below a source topic's effective max.message.bytes"),
  B13: entry('blocker', 'topic', 'selected topic already exists on the target with data'),
  B14: entry('blocker', 'topic', 'selected topic already exists on the target with a different partition count'),
  B15: entry('blocker', 'cluster-or-topic', "target timestamp limit rejects records the source topic retains"),
  B16: entry('blocker', 'group', 'selected consumer group is active (has members) on the target'),
  B17: entry('blocker', 'cluster', 'configured authentication cannot work against the cluster'),
  B18: entry('blocker', 'kms-key', 'KMS key of the backup channel is not usable'),
  B19: entry('blocker', 'topic', 'source partition is offline (no leader)'),
  B20: entry('blocker', 'topic', 'replication factor capped by the target broker count falls below min.insync.replicas'),
  W01: entry('warning', 'cluster', 'replication factor capped by the target broker count'),
  W02: entry('warning', 'topic', 'source retention could delete records before the seed copies them'),
  W03: entry('warning', 'kms-key', 'KMS key set on the backup channel but its access was not verified', 'info'),
  W04: entry('warning', 'cluster', 'target message-size floor could not be verified'),
  W05: entry('warning', 'cluster-or-topic', 'target timestamp limit may reject the oldest records the source topic retains'),
  W06: entry('warning', 'cluster-or-topic', 'target stamps records with LogAppendTime, replacing the source CreateTime timestamps'),
  W07: entry('warning', 'cluster', 'auto.create.topics.enable=true on the target'),
  W08: entry('warning', 'principal', 'ACL principal has no IAM equivalent on an IAM-auth target'),
  W09: entry('warning', 'cluster', 'source ACLs could not be listed'),
  W10: entry('warning', 'cluster', 'target Kafka version could not be determined'),
  W11: entry('warning', 'cluster', 'metadata mode (ZooKeeper or KRaft) could not be determined'),
  W12: entry('warning', 'bucket', 'S3 bucket probe was skipped'),
  W13: entry('warning', 'bucket', 'precheck probe object could not be deleted'),
  I01: entry('info', 'cluster', 'target is IAM-auth: ACLs are emitted as access-map.json'),
  I02: entry('info', 'cluster', "source qualifies for AWS's in-place ZooKeeper-to-KRaft conversion"),
  I03: entry('info', 'cluster', "source does not qualify for AWS's in-place ZooKeeper-to-KRaft conversion"),
  I04: entry('info', 'cluster', 'in-place conversion eligibility could not be assessed'),
} as const satisfies Record<string, CodeEntry>;

export type PrecheckCode = keyof typeof PRECHECK_CODES;

export const PRECHECK_CODE_LIST: readonly PrecheckCode[] = Object.keys(PRECHECK_CODES).sort() as PrecheckCode[];

export function isPrecheckCode(code: string): code is PrecheckCode {
  return Object.hasOwn(PRECHECK_CODES, code);
}

/** The only way rules make a finding: the severity comes from the catalogue. */
export function finding(code: PrecheckCode, subject: string, detail: string, remedy: string): Finding {
  return { code, severity: PRECHECK_CODES[code].severity, subject, detail, remedy };
}

/** The severity word a line prints for a finding: the catalogue's for known codes, else from its severity. */
export function printedSeverity(item: Pick<Finding, 'code' | 'severity'>): 'blocker' | 'warn' | 'info' {
  if (isPrecheckCode(item.code)) return PRECHECK_CODES[item.code].printed;
  return item.severity === 'warning' ? 'warn' : item.severity;
}
