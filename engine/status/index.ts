/** `status`: a snapshot of where a migration stands, read without the lease. */
export { migrationStatus, type StatusOptions } from './status.js';
export { renderStatusLines } from './render.js';
export type { PartitionStatus, StatusSnapshot } from './snapshot.js';
