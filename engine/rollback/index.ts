/** `rollback`: stop a migration before cutover, report what it left on the target, delete nothing. */
export { rollbackMigration, rollbackReportKey, type RollbackOptions, type RollbackResult } from './rollback.js';
export { buildRollbackReport, producersFrozen, ROLLBACK_REPORT_FILE, ROLLBACK_REPORT_SCHEMA_VERSION, type RollbackReport } from './report.js';
