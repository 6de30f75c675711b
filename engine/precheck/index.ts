/** The precheck: pure findings from inventory + config + probe results, their rendering, and the I/O probes. */
export { evaluatePrecheck, createRuleContext, PRECHECK_RULES, SECRET_PLACEHOLDER } from './evaluate.js';
export {
  buildPrecheckReport,
  compareFindings,
  PRECHECK_REPORT_SCHEMA_VERSION,
  type Finding,
  type PrecheckReport,
  type PrecheckSummary,
  type Severity,
} from './finding.js';
export {
  PRECHECK_CODES,
  PRECHECK_CODE_LIST,
  finding,
  isPrecheckCode,
  printedSeverity,
  type CodeEntry,
  type PrecheckCode,
  type SubjectKind,
} from './codes.js';
export type { ProbeResult, Probes } from './probe-types.js';
export { renderPrecheckJson, renderPrecheckLines, renderFindingLine, renderPrecheckSummary } from './render.js';
export { SEED_THROUGHPUT_BYTES_PER_SECOND, estimateSeed, type SeedEstimate } from './seed-estimate.js';
export { RETENTION_RISK_FRACTION } from './rules/retention.js';
export { MIN_TARGET_KAFKA_VERSION } from './rules/cluster-mode.js';
export {
  runStorageProbes,
  probeBucket,
  probeKmsKey,
  probeObjectKey,
  PRECHECK_PROBE_DIR,
  type StorageProbeOptions,
  type BucketProbeTarget,
} from './probes.js';
