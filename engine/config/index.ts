/** The migration config file: loading, validation, normalization, redaction, digest and diff. See docs/config.md. */
export { loadConfig } from './load.js';
export { parseConfig, type ParseConfigOptions } from './parse.js';
export { redactConfig, type RedactedConfig, type JsonValue } from './redact.js';
export { isSecretPath, REDACTED } from './secrets.js';
export { configDigest, canonicalJson } from './digest.js';
export { diffConfigs } from './diff.js';
export { ConfigInvalidError } from './errors.js';
export type { ConfigProblem, KeyPath } from './problems.js';
export { compileFilter, compilePattern } from './filters.js';
export { parseDuration, formatDuration } from './durations.js';
export { parseSize, formatSize } from './sizes.js';
export { parseClusterArn, type ClusterArnParts } from './validators.js';
export {
  ACL_DRIFT_POLICIES,
  AUTH_MODES,
  TOPOLOGY_DRIFT_POLICIES,
  type AclDriftPolicy,
  type AuthMode,
  type AwsSettings,
  type BackupSettings,
  type ClusterAuth,
  type ClusterConfig,
  type ClusterTls,
  type CutoverSettings,
  type EvidenceSettings,
  type MigrationConfig,
  type NameFilter,
  type SeedSettings,
  type TopologyDriftPolicy,
  type ValidationSettings,
} from './types.js';
