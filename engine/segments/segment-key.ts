/**
 * Where a segment lives in the backup bucket:
 *   <backup.s3_prefix>/<migration-id>/segments/<topic>/<partition>/<first offset, 20 digits>-<last offset, 20 digits>.seg
 * Kafka topic names are [a-zA-Z0-9._-]{1,249} and never "." or "..", all characters S3 keeps as they are, so the topic
 * goes into the key unescaped; anything else is refused rather than escaped. Zero padding to 20 digits (int64 needs
 * 19) makes lexicographic order, which S3 lists in, the same as offset order.
 */
import { MigrationError } from '../errors.js';

export const SEGMENTS_FOLDER = 'segments';
export const SEGMENT_SUFFIX = '.seg';
const OFFSET_DIGITS = 20;
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const FILE_NAME = /^(\d{20})-(\d{20})\.seg$/;

export function assertSegmentTopicName(topic: string): void {
  if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new MigrationError({
      code: 'STORAGE',
      message: `topic name ${JSON.stringify(topic)} is not a legal Kafka topic name, so it cannot name a segment key`,
      hint: 'Kafka topic names use only letters, digits, ".", "_" and "-" (at most 249); check the topic list the seed was given.',
    });
  }
}

function padOffset(offset: bigint): string {
  if (offset < 0n) throw new MigrationError({ code: 'INTERNAL', message: `segment offset ${offset} is negative` });
  return offset.toString().padStart(OFFSET_DIGITS, '0');
}

/** `<prefix>/<migration-id>` (or `<migration-id>` at the bucket root). */
export function migrationRoot(prefix: string, migrationId: string): string {
  return prefix === '' ? migrationId : `${prefix}/${migrationId}`;
}

/** The folder of one partition's segments, with a trailing slash. */
export function segmentFolder(prefix: string, migrationId: string, topic: string, partition: number): string {
  assertSegmentTopicName(topic);
  if (!Number.isInteger(partition) || partition < 0) throw new MigrationError({ code: 'INTERNAL', message: `partition ${partition} is not a partition number` });
  return `${migrationRoot(prefix, migrationId)}/${SEGMENTS_FOLDER}/${topic}/${partition}/`;
}

export function segmentFileName(firstOffset: bigint, lastOffset: bigint): string {
  return `${padOffset(firstOffset)}-${padOffset(lastOffset)}${SEGMENT_SUFFIX}`;
}

export function segmentKey(prefix: string, migrationId: string, topic: string, partition: number, firstOffset: bigint, lastOffset: bigint): string {
  return `${segmentFolder(prefix, migrationId, topic, partition)}${segmentFileName(firstOffset, lastOffset)}`;
}

/** The offsets a segment file name states; undefined for any other name. */
export function parseSegmentFileName(name: string): { firstOffset: bigint; lastOffset: bigint } | undefined {
  const match = FILE_NAME.exec(name);
  if (match === null) return undefined;
  const firstOffset = BigInt(match[1] as string);
  const lastOffset = BigInt(match[2] as string);
  return firstOffset <= lastOffset ? { firstOffset, lastOffset } : undefined;
}
