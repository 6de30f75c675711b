/**
 * The cutover sentinel: one record that `cutover` writes to every source partition once producers are frozen. It is
 * copied to the target like any other record, so its arrival proves the partition was drained to that point, and
 * `finalize` checks that every partition has it. Consumers that read across the cutover point see it once and should
 * skip it (docs/sentinel.md shows how).
 *
 *   key     `__kafka_backup_sentinel__` (UTF-8), reserved
 *   header  `kafka-backup-migration-id: <migration id>`
 *   value   {"type":"kafka-backup.sentinel","migration_id":"...","partition":N,"at":"<ISO time>"} (UTF-8 JSON)
 */
export const SENTINEL_KEY = '__kafka_backup_sentinel__';
export const SENTINEL_HEADER = 'kafka-backup-migration-id';
export const SENTINEL_TYPE = 'kafka-backup.sentinel';

export interface SentinelValue {
  readonly type: typeof SENTINEL_TYPE;
  readonly migration_id: string;
  readonly partition: number;
  /** ISO 8601 time the sentinel was written. */
  readonly at: string;
}

/** What the tool produces: kafkajs `Message` shape (key, value, headers as Buffers). */
export interface SentinelMessage {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly headers: { [SENTINEL_HEADER]: Buffer };
}

type Bytes = Buffer | Uint8Array | string;
type HeaderValue = Bytes | Bytes[] | null | undefined;

/** Any record as a consumer sees it (kafkajs, or a decoded batch): key, value and headers as bytes or strings. */
export interface RecordLike {
  readonly key?: Bytes | null | undefined;
  readonly value?: Bytes | null | undefined;
  readonly headers?: Readonly<Record<string, HeaderValue>> | ReadonlyArray<{ key: string; value: Bytes | null }> | undefined;
}

export function sentinelValue(migrationId: string, partition: number, at: Date | string): SentinelValue {
  return { type: SENTINEL_TYPE, migration_id: migrationId, partition, at: typeof at === 'string' ? at : at.toISOString() };
}

export function sentinelMessage(migrationId: string, partition: number, at: Date | string): SentinelMessage {
  return {
    key: Buffer.from(SENTINEL_KEY, 'utf8'),
    value: Buffer.from(JSON.stringify(sentinelValue(migrationId, partition, at)), 'utf8'),
    headers: { [SENTINEL_HEADER]: Buffer.from(migrationId, 'utf8') },
  };
}

function text(bytes: Bytes | null | undefined): string | undefined {
  if (bytes === null || bytes === undefined) return undefined;
  return typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
}

function headerValues(record: RecordLike, name: string): string[] {
  const headers = record.headers;
  if (headers === undefined) return [];
  if (Array.isArray(headers)) {
    return (headers as ReadonlyArray<{ key: string; value: Bytes | null }>)
      .filter((h) => h.key === name)
      .map((h) => text(h.value))
      .filter((v): v is string => v !== undefined);
  }
  const value = (headers as Readonly<Record<string, HeaderValue>>)[name];
  const list = Array.isArray(value) ? value : [value as Bytes | null | undefined];
  return list.map((v) => text(v)).filter((v): v is string => v !== undefined);
}

/**
 * True for a sentinel: the reserved key and the migration-id header. Cheap enough for every record; with
 * `migrationId`, only that migration's sentinels.
 */
export function isSentinel(record: RecordLike, migrationId?: string): boolean {
  if (text(record.key) !== SENTINEL_KEY) return false;
  const ids = headerValues(record, SENTINEL_HEADER);
  if (ids.length === 0) return false;
  return migrationId === undefined || ids.includes(migrationId);
}

/** The sentinel's value when `record` is a well-formed sentinel (value agrees with the header); else undefined. */
export function parseSentinel(record: RecordLike): SentinelValue | undefined {
  if (!isSentinel(record)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text(record.value) ?? '');
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (
    v['type'] !== SENTINEL_TYPE ||
    typeof v['migration_id'] !== 'string' ||
    typeof v['partition'] !== 'number' ||
    !Number.isInteger(v['partition']) ||
    typeof v['at'] !== 'string'
  ) {
    return undefined;
  }
  if (!headerValues(record, SENTINEL_HEADER).includes(v['migration_id'])) return undefined;
  return { type: SENTINEL_TYPE, migration_id: v['migration_id'], partition: v['partition'], at: v['at'] };
}
