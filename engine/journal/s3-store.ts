/**
 * The journal in the backup bucket:
 *   s3://<backup.s3_bucket>/<backup.s3_prefix>/<migration-id>/journal/00000001.json ...  one object per entry
 *   .../<migration-id>/journal/head.json                                                last entry written
 *   .../<migration-id>/lease.json                                                       the writer's lease
 * Entries are created with `If-None-Match: *`, so two writers can never both create entry N; objects are written
 * with SSE-KMS under backup.kms_key_arn when it is set.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createS3Client } from '../aws/s3-client.js';
import type { MigrationConfig } from '../config/types.js';
import { headText, type JournalHead, type RawEntry } from './hash-chain.js';
import { parseLeaseRecord, leaseText, type LeaseBackend, type LeaseRecord, type LeaseWrite, type StoredLease } from './lease-record.js';
import { isConditionFailed, isNotFound, isNotImplemented, s3StorageError } from './s3-errors.js';
import { entryFileName, HEAD_FILE, JOURNAL_FOLDER, LEASE_FILE, seqOfName, type JournalStore } from './store.js';

export interface S3Location {
  readonly bucket: string;
  /** Without leading or trailing slashes; may be empty. */
  readonly prefix: string;
  readonly kmsKeyArn?: string | undefined;
}

export interface S3StoreOptions extends S3Location {
  readonly migrationId: string;
  readonly s3: S3Client;
  /** Destroy `s3` on close (the store built it). */
  readonly ownsClient?: boolean;
}

const READ_CONCURRENCY = 8;

export function s3LocationFromConfig(config: MigrationConfig): S3Location {
  return { bucket: config.backup.s3Bucket, prefix: config.backup.s3Prefix, kmsKeyArn: config.backup.kmsKeyArn };
}

export function createS3ClientForJournal(config: MigrationConfig): S3Client {
  return createS3Client(config.aws);
}

/** `<prefix>/<migration-id>` (or `<migration-id>` at the bucket root). */
export function s3MigrationPrefix(prefix: string, migrationId: string): string {
  return prefix === '' ? migrationId : `${prefix}/${migrationId}`;
}

function encryption(location: S3Location): Partial<PutObjectCommandInput> {
  return location.kmsKeyArn === undefined ? {} : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: location.kmsKeyArn };
}

async function getText(s3: S3Client, bucket: string, key: string): Promise<{ text: string; etag: string } | undefined> {
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { text: got.Body === undefined ? '' : await got.Body.transformToString('utf8'), etag: got.ETag ?? '' };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Puts `text` at `key`; `condition` makes it conditional. False when the condition failed. */
async function putText(
  s3: S3Client,
  location: S3Location,
  key: string,
  text: string,
  condition: { IfNoneMatch: '*' } | { IfMatch: string } | undefined,
): Promise<{ etag: string } | undefined> {
  try {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: location.bucket, Key: key, Body: text, ContentType: 'application/json', ...encryption(location), ...(condition ?? {}) }),
    );
    return { etag: put.ETag ?? '' };
  } catch (error) {
    if (condition !== undefined && (isConditionFailed(error) || ('IfMatch' in condition && isNotFound(error)))) return undefined;
    throw error;
  }
}

export function createS3JournalStore(options: S3StoreOptions): JournalStore {
  const { s3, bucket, migrationId } = options;
  const base = s3MigrationPrefix(options.prefix, migrationId);
  const folder = `${base}/${JOURNAL_FOLDER}/`;
  const url = (key: string): string => `s3://${bucket}/${key}`;
  const keyOf = (seq: number): string => `${folder}${entryFileName(seq)}`;
  const headKey = `${folder}${HEAD_FILE}`;

  async function listEntryKeys(): Promise<Array<{ seq: number; key: string }>> {
    const keys: Array<{ seq: number; key: string }> = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, ...(token === undefined ? {} : { ContinuationToken: token }) }));
      } catch (error) {
        throw s3StorageError('list', url(folder), error);
      }
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? '';
        const seq = seqOfName(key.slice(folder.length));
        if (seq !== undefined && !key.slice(folder.length).includes('/')) keys.push({ seq, key });
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.sort((a, b) => a.seq - b.seq);
  }

  return {
    kind: 's3',
    migrationId,
    location: url(folder),
    tornWritesPossible: false,
    where: (seq) => url(keyOf(seq)),
    headWhere: url(headKey),
    lease: createS3LeaseBackend(s3, options, `${base}/${LEASE_FILE}`),

    async exists() {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(1) }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw s3StorageError('read', url(keyOf(1)), error);
      }
    },

    async readEntries() {
      const keys = await listEntryKeys();
      const entries: RawEntry[] = new Array(keys.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < keys.length) {
          const index = next;
          next += 1;
          const { seq, key } = keys[index] as { seq: number; key: string };
          let got;
          try {
            got = await getText(s3, bucket, key);
          } catch (error) {
            throw s3StorageError('read journal entry', url(key), error);
          }
          // Listed a moment ago but gone now: keep it in the list as empty, which reads as damage at that position.
          entries[index] = { seq, where: url(key), text: got?.text ?? '' };
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, keys.length) }, worker));
      return entries;
    },

    async createEntry(seq, text) {
      try {
        return (await putText(s3, options, keyOf(seq), text, { IfNoneMatch: '*' })) !== undefined;
      } catch (error) {
        throw s3StorageError('write journal entry', url(keyOf(seq)), error);
      }
    },

    async readHead() {
      try {
        return (await getText(s3, bucket, headKey))?.text;
      } catch (error) {
        throw s3StorageError('read the journal head', url(headKey), error);
      }
    },

    async writeHead(head: JournalHead) {
      try {
        await putText(s3, options, headKey, headText(head), undefined);
      } catch (error) {
        throw s3StorageError('write the journal head', url(headKey), error);
      }
    },

    close() {
      if (options.ownsClient === true) s3.destroy();
    },
  };
}

/**
 * The lease as an S3 object. Create with `If-None-Match: *`; renew, take over (after expiry) and release with
 * `If-Match: <ETag read>`, so a write only lands on the exact lease its writer last saw.
 */
export function createS3LeaseBackend(s3: S3Client, location: S3Location, key: string): LeaseBackend {
  const where = `s3://${location.bucket}/${key}`;

  async function read(): Promise<StoredLease | undefined> {
    let got;
    try {
      got = await getText(s3, location.bucket, key);
    } catch (error) {
      throw s3StorageError('read the lease', where, error);
    }
    if (got === undefined) return undefined;
    const record = parseLeaseRecord(got.text);
    if (record === undefined) {
      throw s3StorageError('read the lease', where, new Error(`it is not a lease record; if no kafka-backup process works on this migration, delete ${where}`));
    }
    return { record, version: got.etag };
  }

  async function write(record: LeaseRecord, condition: { IfNoneMatch: '*' } | { IfMatch: string }, action: string): Promise<LeaseWrite> {
    let put;
    try {
      put = await putText(s3, location, key, leaseText(record), condition);
    } catch (error) {
      throw s3StorageError(action, where, error);
    }
    return put === undefined ? { ok: false } : { ok: true, version: put.etag };
  }

  return {
    where,
    read,
    create: (record) => write(record, { IfNoneMatch: '*' }, 'create the lease'),
    takeOver: (expired, next) => write(next, { IfMatch: expired.version }, 'take over the lease'),
    async renew(current, next) {
      const first = await write(next, { IfMatch: current.version }, 'renew the lease');
      if (first.ok) return first;
      // An earlier renewal may have landed with its reply lost: the ETag moved on but the lease is still ours.
      const now = await read();
      if (now === undefined || now.record.token !== current.record.token) return { ok: false };
      return write(next, { IfMatch: now.version }, 'renew the lease');
    },
    async release(current) {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: key, IfMatch: current.version }));
        return true;
      } catch (error) {
        if (isConditionFailed(error) || isNotFound(error)) return false;
        if (!isNotImplemented(error)) throw s3StorageError('release the lease', where, error);
      }
      // A store without conditional deletes: delete only after reading our own token back.
      const now = await read();
      if (now === undefined || now.record.token !== current.record.token) return false;
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: key }));
        return true;
      } catch (error) {
        throw s3StorageError('release the lease', where, error);
      }
    },
  };
}

/** Migration ids with a journal under `<prefix>/` in the bucket (folders holding `journal/00000001.json`), sorted. */
export async function listS3Migrations(s3: S3Client, location: S3Location): Promise<string[]> {
  const root = location.prefix === '' ? '' : `${location.prefix}/`;
  const candidates: string[] = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await s3.send(
        new ListObjectsV2Command({ Bucket: location.bucket, Prefix: root, Delimiter: '/', ...(token === undefined ? {} : { ContinuationToken: token }) }),
      );
    } catch (error) {
      throw s3StorageError('list', `s3://${location.bucket}/${root}`, error);
    }
    for (const common of page.CommonPrefixes ?? []) {
      const name = (common.Prefix ?? '').slice(root.length).replace(/\/$/, '');
      if (name !== '' && !name.startsWith('.')) candidates.push(name);
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  const found: string[] = [];
  for (const id of candidates) {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: `${root}${id}/${JOURNAL_FOLDER}/${entryFileName(1)}` }));
      found.push(id);
    } catch (error) {
      if (!isNotFound(error)) throw s3StorageError('read', `s3://${location.bucket}/${root}${id}/${JOURNAL_FOLDER}/${entryFileName(1)}`, error);
    }
  }
  return found.sort();
}
