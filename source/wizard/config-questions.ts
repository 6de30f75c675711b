/** The questions that build a config, in order; each names the config keys it writes, for validation as typed. */
import { AUTH_MODES } from '../../engine/config/index.js';
import type { ClusterDraft, ConfigDraft } from './config-draft.js';

export interface ConfigQuestion {
  readonly id: string;
  /** The answer's name in the list of answers so far. */
  readonly short: string;
  readonly label: string;
  readonly help?: string;
  /** `select`: one of `choices`; `text`: a line. */
  readonly kind: 'text' | 'select';
  readonly choices?: readonly string[];
  /** Keys under enterprise.msk_kraft_migration whose problems belong to this question. */
  readonly keys: readonly string[];
  readonly when?: (draft: ConfigDraft) => boolean;
  readonly get: (draft: ConfigDraft) => string;
  readonly set: (draft: ConfigDraft, value: string) => ConfigDraft;
}

type Role = 'source' | 'target';

function clusterQuestions(role: Role, title: string): ConfigQuestion[] {
  const get = (draft: ConfigDraft): ClusterDraft => draft[role];
  const set = (draft: ConfigDraft, patch: Partial<ClusterDraft>): ConfigDraft => ({ ...draft, [role]: { ...draft[role], ...patch } });
  const scram = (draft: ConfigDraft) => get(draft).authMode === 'scram-sha-512';
  return [
    {
      id: `${role}.location`,
      short: `${role}`,
      label: `${title}: MSK cluster ARN, or bootstrap servers (host:port,host:port)`,
      kind: 'text',
      keys: [`${role}.cluster_arn`, `${role}.bootstrap_servers`],
      get: (draft) => get(draft).location,
      set: (draft, value) => set(draft, { location: value }),
    },
    {
      id: `${role}.auth`,
      short: `${role} auth`,
      label: `${title}: how the tool signs in`,
      kind: 'select',
      choices: AUTH_MODES,
      keys: [`${role}.auth.mode`],
      get: (draft) => get(draft).authMode,
      set: (draft, value) => set(draft, { authMode: value, ...(value === 'tls' ? { tls: true } : value === 'plaintext' ? { tls: false } : {}) }),
    },
    {
      id: `${role}.username`,
      short: `${role} SCRAM user`,
      label: `${title}: SCRAM user name`,
      help: 'A name, or ${VAR} to read it from the environment when the tool runs',
      kind: 'text',
      keys: [`${role}.auth.username`],
      when: scram,
      get: (draft) => get(draft).username,
      set: (draft, value) => set(draft, { username: value }),
    },
    {
      id: `${role}.password`,
      short: `${role} SCRAM password`,
      label: `${title}: SCRAM password`,
      help: 'Write ${VAR}: the file then names the variable and holds no secret',
      kind: 'text',
      keys: [`${role}.auth.password`],
      when: scram,
      get: (draft) => get(draft).password,
      set: (draft, value) => set(draft, { password: value }),
    },
    {
      id: `${role}.tls`,
      short: `${role} TLS`,
      label: `${title}: TLS to the brokers`,
      kind: 'select',
      choices: ['yes', 'no'],
      keys: [`${role}.tls`],
      when: (draft) => get(draft).authMode === 'scram-sha-512' || get(draft).authMode === 'iam',
      get: (draft) => (get(draft).tls ? 'yes' : 'no'),
      set: (draft, value) => set(draft, { tls: value === 'yes' }),
    },
    {
      id: `${role}.ca`,
      short: `${role} CA file`,
      label: `${title}: CA file for TLS (empty: the system's CAs)`,
      kind: 'text',
      keys: [`${role}.tls.ca_file`],
      when: (draft) => get(draft).tls,
      get: (draft) => get(draft).caFile,
      set: (draft, value) => set(draft, { caFile: value }),
    },
  ];
}

const usesArn = (draft: ConfigDraft) => draft.source.location.startsWith('arn:') || draft.target.location.startsWith('arn:');

export const CONFIG_QUESTIONS: readonly ConfigQuestion[] = [
  ...clusterQuestions('source', 'Source cluster (ZooKeeper mode)'),
  ...clusterQuestions('target', 'Target cluster (KRaft mode)'),
  {
    id: 'topics',
    short: 'topics',
    label: 'Topics to migrate: names or patterns, comma-separated (* matches any)',
    kind: 'text',
    keys: ['topics'],
    get: (draft) => draft.topics,
    set: (draft, value) => ({ ...draft, topics: value }),
  },
  {
    id: 'groups',
    short: 'groups',
    label: 'Consumer groups whose offsets move: names or patterns, comma-separated',
    kind: 'text',
    keys: ['groups'],
    get: (draft) => draft.groups,
    set: (draft, value) => ({ ...draft, groups: value }),
  },
  { id: 'region', short: 'region', label: 'AWS region', kind: 'text', keys: ['aws.region'], get: (draft) => draft.region, set: (draft, value) => ({ ...draft, region: value }) },
  {
    id: 'msk-endpoint',
    short: 'MSK endpoint',
    label: 'MSK API endpoint (empty: AWS)',
    kind: 'text',
    keys: ['aws.endpoints.kafka'],
    when: usesArn,
    get: (draft) => draft.mskEndpoint,
    set: (draft, value) => ({ ...draft, mskEndpoint: value }),
  },
  {
    id: 's3-endpoint',
    short: 'S3/KMS endpoint',
    label: 'S3 and KMS endpoint (empty: AWS)',
    kind: 'text',
    keys: ['aws.endpoints.s3', 'aws.endpoints.kms', 'aws.s3_force_path_style'],
    get: (draft) => draft.s3Endpoint,
    set: (draft, value) => ({ ...draft, s3Endpoint: value }),
  },
  {
    id: 'backup-bucket',
    short: 'backup bucket',
    label: 'Backup bucket (the copied segments and, without --journal-dir, the journal)',
    kind: 'text',
    keys: ['backup.s3_bucket'],
    get: (draft) => draft.backupBucket,
    set: (draft, value) => ({ ...draft, backupBucket: value }),
  },
  {
    id: 'kms',
    short: 'KMS key',
    label: 'KMS key ARN for the backup bucket (empty: the bucket default)',
    kind: 'text',
    keys: ['backup.kms_key_arn'],
    get: (draft) => draft.kmsKeyArn,
    set: (draft, value) => ({ ...draft, kmsKeyArn: value }),
  },
  {
    id: 'evidence-bucket',
    short: 'evidence bucket',
    label: 'Evidence bucket (the signed evidence bundle; Object Lock recommended)',
    kind: 'text',
    keys: ['evidence.s3_bucket'],
    get: (draft) => draft.evidenceBucket,
    set: (draft, value) => ({ ...draft, evidenceBucket: value }),
  },
];

/** The questions that apply to `draft` (SCRAM names only for SCRAM, the CA only with TLS ...). */
export function questionsFor(draft: ConfigDraft): ConfigQuestion[] {
  return CONFIG_QUESTIONS.filter((question) => question.when?.(draft) ?? true);
}
