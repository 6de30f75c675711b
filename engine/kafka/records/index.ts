/** The copy's record ports (engine/copy/record-ports.ts) over Kafka's wire protocol. See docs/design/wire-path.md. */
export { createWireReader, OffsetOutOfRangeError, WireReader } from './wire-reader.js';
export { BatchTooLargeError, createWireWriter, nextSequence, WireWriter, type AppendState, type ProducerIdentity, type WireWriterOptions } from './wire-writer.js';
export { RecordBatchDamageError, type BatchDamage } from './batch-damage.js';
export { connectWireCluster, type WireClientOptions, type WireCluster } from './wire-cluster.js';
export type { WireRetryEvent } from './retry.js';
