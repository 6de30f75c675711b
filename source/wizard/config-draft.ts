/**
 * A migration config built through the wizard's prompts: the answers so far (`ConfigDraft`), the YAML they make,
 * and each field checked as typed by the engine's own config validation (the problems whose key path is the field's).
 */
import yaml from 'js-yaml';
import { ConfigInvalidError, parseConfig, type ConfigProblem } from '../../engine/config/index.js';
import { formatKeyPath } from '../../engine/config/problems.js';

export interface ClusterDraft {
  /** An MSK cluster ARN, or bootstrap servers (host:port,host:port). */
  readonly location: string;
  readonly authMode: string;
  readonly username: string;
  readonly password: string;
  readonly tls: boolean;
  readonly caFile: string;
}

export interface ConfigDraft {
  readonly source: ClusterDraft;
  readonly target: ClusterDraft;
  readonly topics: string;
  readonly groups: string;
  readonly region: string;
  /** AWS endpoint overrides (blank: AWS itself). */
  readonly mskEndpoint: string;
  readonly s3Endpoint: string;
  readonly backupBucket: string;
  readonly kmsKeyArn: string;
  readonly evidenceBucket: string;
}

const cluster = (): ClusterDraft => ({ location: '', authMode: 'iam', username: '${KAFKA_USERNAME}', password: '${KAFKA_PASSWORD}', tls: true, caFile: '' });

export function emptyDraft(env: NodeJS.ProcessEnv): ConfigDraft {
  return {
    source: cluster(),
    target: cluster(),
    topics: '*',
    groups: '*',
    region: env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    mskEndpoint: '',
    s3Endpoint: '',
    backupBucket: '',
    kmsKeyArn: '',
    evidenceBucket: '',
  };
}

const list = (text: string): string[] => text.split(',').map((item) => item.trim()).filter((item) => item !== '');

function clusterBlock(draft: ClusterDraft): Record<string, unknown> {
  const where = draft.location.trim().startsWith('arn:') ? { cluster_arn: draft.location.trim() } : { bootstrap_servers: draft.location.trim() };
  const auth: Record<string, unknown> = { mode: draft.authMode };
  if (draft.authMode === 'scram-sha-512') Object.assign(auth, { username: draft.username, password: draft.password });
  const tls: Record<string, unknown> = { enabled: draft.tls };
  if (draft.tls && draft.caFile.trim() !== '') tls['ca_file'] = draft.caFile.trim();
  return { ...where, auth, tls };
}

/** The config file the answers make (the reference product's layout). Unanswered keys are left out. */
export function draftToYaml(draft: ConfigDraft): string {
  const endpoints: Record<string, string> = {};
  if (draft.mskEndpoint.trim() !== '') endpoints['kafka'] = draft.mskEndpoint.trim();
  if (draft.s3Endpoint.trim() !== '') Object.assign(endpoints, { s3: draft.s3Endpoint.trim(), kms: draft.s3Endpoint.trim() });
  const aws: Record<string, unknown> = { region: draft.region.trim() };
  if (Object.keys(endpoints).length > 0) Object.assign(aws, { endpoints, s3_force_path_style: draft.s3Endpoint.trim() !== '' });
  const backup: Record<string, unknown> = { s3_bucket: draft.backupBucket.trim(), s3_prefix: 'migrations' };
  if (draft.kmsKeyArn.trim() !== '') backup['kms_key_arn'] = draft.kmsKeyArn.trim();
  const block = {
    source: clusterBlock(draft.source),
    target: clusterBlock(draft.target),
    topics: { include: list(draft.topics), exclude: [] },
    groups: { include: list(draft.groups), exclude: [] },
    aws,
    backup,
    evidence: { s3_bucket: draft.evidenceBucket.trim(), s3_prefix: 'evidence' },
  };
  const header = '# Written by the kafka-backup wizard. Every key: docs/config.md; a commented example: examples/migration.yaml.\n';
  return header + yaml.dump({ enterprise: { msk_kraft_migration: block } }, { lineWidth: 200, quotingType: "'" });
}

/** Every problem the engine finds in the draft's YAML (none: a config `loadConfig` accepts). */
export function draftProblems(draft: ConfigDraft, env: NodeJS.ProcessEnv, filePath?: string): readonly ConfigProblem[] {
  try {
    parseConfig(draftToYaml(draft), { env, ...(filePath === undefined ? {} : { filePath }) });
    return [];
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error.problems;
    return [{ path: [], detail: error instanceof Error ? error.message : String(error) }];
  }
}

/** `problem` concerns one of `keys` (`source.cluster_arn`, `backup` ...: under enterprise.msk_kraft_migration). */
function concerns(problem: ConfigProblem, keys: readonly string[]): boolean {
  const path = formatKeyPath(problem.path).replace(/^enterprise\.msk_kraft_migration\.?/, '');
  return keys.some((key) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`));
}

/** The engine's first complaint about the keys a field writes, as `key: detail`; undefined when it has none. */
export function fieldProblem(draft: ConfigDraft, keys: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const problem = draftProblems(draft, env).find((p) => concerns(p, keys));
  if (problem === undefined) return undefined;
  return `${formatKeyPath(problem.path).replace(/^enterprise\.msk_kraft_migration\./, '')}: ${problem.detail}`;
}
