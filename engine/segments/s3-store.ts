/**
 * Seed segments in the backup bucket (key layout in segment-key.ts). A key is written once: PutObject (or the
 * multipart Complete, above 8 MiB) carries If-None-Match: *. When the key exists already, the stored object's
 * content digest (object metadata `kb-content-sha256`, the SHA-256 of its uncompressed records) decides: the same
 * records are a success (a resumed seed re-cutting what it wrote before a crash), different records are refused
 * loudly. Objects are encrypted with SSE-KMS under backup.kms_key_arn when it is set, else SSE-S3 (AES256).
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { setTimeout as delay } from 'node:timers/promises';
import { credentialsFromEnv } from '../aws/credentials.js';
import { createS3Client } from '../aws/s3-client.js';
import type { MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import { isConditionFailed, isNotFound } from '../journal/s3-errors.js';
import { decodeSegment, SEGMENT_FORMAT_VERSION, verifySegment, type VerifiedSegment } from './format.js';
import { putMultipart } from './multipart.js';
import { segmentS3Error } from './s3-errors.js';
import { parseSegmentFileName, segmentFolder, segmentKey } from './segment-key.js';
import type { DecodedSegment, EncodedSegment, SegmentHeader } from './types.js';

export const DEFAULT_MULTIPART_THRESHOLD_BYTES = 8 * 1024 * 1024;
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
const META_CONTENT_SHA = 'kb-content-sha256';
const META_OBJECT_SHA = 'kb-object-sha256';
const CONDITIONAL_ATTEMPTS = 3;
const CONDITIONAL_RETRY_MS = 250;

export interface S3SegmentStoreOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** backup.s3_prefix, without leading or trailing slashes; may be empty. */
  readonly prefix: string;
  readonly kmsKeyArn?: string | undefined;
  readonly migrationId: string;
  /** Segments above this many bytes go up as a multipart upload. */
  readonly multipartThresholdBytes?: number;
  readonly partBytes?: number;
  /** Destroy `s3` on close (the store built it). */
  readonly ownsClient?: boolean;
}

/** A segment object as listed: its key, the offsets its name states, and its size. */
export interface StoredSegment {
  readonly key: string;
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  readonly sizeBytes: number;
}

export interface SegmentPutResult {
  readonly key: string;
  readonly url: string;
  /** False when the same records were already stored under the key. */
  readonly created: boolean;
  /** The segment is above the multipart threshold: sent in parts (or would have been, had it not been stored already). */
  readonly multipart: boolean;
}

export class S3SegmentStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly migrationId: string;
  private readonly s3: S3Client;
  private readonly kmsKeyArn: string | undefined;
  private readonly multipartThreshold: number;
  private readonly partBytes: number;
  private readonly ownsClient: boolean;

  constructor(options: S3SegmentStoreOptions) {
    this.s3 = options.s3;
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.kmsKeyArn = options.kmsKeyArn;
    this.migrationId = options.migrationId;
    this.multipartThreshold = options.multipartThresholdBytes ?? DEFAULT_MULTIPART_THRESHOLD_BYTES;
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
    this.ownsClient = options.ownsClient ?? false;
  }

  /** A store on the config's backup channel, with credentials from `env` when it holds keys (else the default chain). */
  static fromConfig(config: MigrationConfig, migrationId: string, env: NodeJS.ProcessEnv = process.env): S3SegmentStore {
    const credentials = credentialsFromEnv(env);
    const s3 = createS3Client(config.aws, { ...(credentials === undefined ? {} : { credentials }), requestTimeoutMs: 120_000 });
    return new S3SegmentStore({
      s3,
      bucket: config.backup.s3Bucket,
      prefix: config.backup.s3Prefix,
      kmsKeyArn: config.backup.kmsKeyArn,
      migrationId,
      ownsClient: true,
    });
  }

  keyFor(topic: string, partition: number, firstOffset: bigint, lastOffset: bigint): string {
    return segmentKey(this.prefix, this.migrationId, topic, partition, firstOffset, lastOffset);
  }

  urlOf(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  /** Stores a segment under its key, once. */
  async put(segment: EncodedSegment): Promise<SegmentPutResult> {
    const { header } = segment;
    if (header.migrationId !== this.migrationId) {
      throw new MigrationError({ code: 'INTERNAL', message: `segment of migration ${header.migrationId} given to the store of migration ${this.migrationId}` });
    }
    if (header.recordCount === 0) {
      throw new MigrationError({ code: 'INTERNAL', message: `segment of ${header.topic}-${header.partition} holds no records; there is nothing to store and no key for it` });
    }
    const key = this.keyFor(header.topic, header.partition, header.firstOffset, header.lastOffset);
    const url = this.urlOf(key);
    const input = {
      Bucket: this.bucket,
      Key: key,
      ContentType: 'application/vnd.kafka-backup.segment',
      Metadata: {
        'kb-format': String(SEGMENT_FORMAT_VERSION),
        [META_CONTENT_SHA]: segment.contentSha256,
        [META_OBJECT_SHA]: segment.objectSha256,
        'kb-records': String(header.recordCount),
      },
      ...this.encryption(),
    } satisfies Partial<PutObjectCommandInput>;
    const multipart = segment.bytes.length > this.multipartThreshold;
    for (let attempt = 1; ; attempt += 1) {
      if (multipart) {
        // Ask first, so a resumed seed does not upload 32 MiB only to have the Complete refused.
        const stored = await this.storedContentSha(key);
        if (stored !== undefined) return this.sameRecordsOrRefuse(segment, key, stored, multipart);
      }
      let created: boolean;
      try {
        created = multipart
          ? (await putMultipart({ s3: this.s3, create: input, body: segment.bytes, partBytes: this.partBytes, ifNoneMatch: true })).created
          : await this.putOnce(input, segment.bytes);
      } catch (error) {
        throw segmentS3Error(multipart ? 'upload segment' : 'write segment', url, error);
      }
      if (created) return { key, url, created: true, multipart };
      const stored = await this.storedContentSha(key);
      if (stored !== undefined) return this.sameRecordsOrRefuse(segment, key, stored, multipart);
      // Refused as existing, yet not there: S3 answers 409 while another conditional write to the key is in flight,
      // and that write may still fail. Try again; a key that keeps being refused and missing is someone else's doing.
      if (attempt >= CONDITIONAL_ATTEMPTS) {
        throw new MigrationError({
          code: 'STORAGE',
          message: `segment ${url} was refused as existing ${attempt} times, yet could not be found`,
          hint: 'Check who else writes or deletes under backup.s3_prefix (another run of this migration?), then resume.',
          retriable: true,
        });
      }
      await delay(CONDITIONAL_RETRY_MS * attempt);
    }
  }

  /** The partition's segments in offset order (by first offset, then last). Objects with other names are ignored. */
  async list(topic: string, partition: number): Promise<StoredSegment[]> {
    const folder = segmentFolder(this.prefix, this.migrationId, topic, partition);
    const found: StoredSegment[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: folder, ...(token === undefined ? {} : { ContinuationToken: token }) }));
      } catch (error) {
        throw segmentS3Error('list segments in', this.urlOf(folder), error);
      }
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? '';
        const range = parseSegmentFileName(key.slice(folder.length));
        if (range !== undefined) found.push({ key, ...range, sizeBytes: object.Size ?? 0 });
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return found.sort((a, b) => compare(a.firstOffset, b.firstOffset) || compare(a.lastOffset, b.lastOffset));
  }

  /**
   * The partition's segments holding offsets after `afterOffset` (pass -1 for all), in order. Overlapping segments
   * mean two writers cut the same offsets differently: refused, naming both keys, rather than guessing which to use.
   */
  async durableSegments(topic: string, partition: number, afterOffset: bigint | number): Promise<StoredSegment[]> {
    const after = BigInt(afterOffset);
    const segments = (await this.list(topic, partition)).filter((segment) => segment.lastOffset > after);
    for (let i = 1; i < segments.length; i += 1) {
      const previous = segments[i - 1] as StoredSegment;
      const current = segments[i] as StoredSegment;
      if (current.firstOffset <= previous.lastOffset) {
        throw new MigrationError({
          code: 'STORAGE',
          message: `segments ${this.urlOf(previous.key)} and ${this.urlOf(current.key)} overlap (offsets ${current.firstOffset}..${previous.lastOffset} in both)`,
          hint: 'Two seed runs wrote this partition with different segment cuts. Stop every run of this migration, delete the later of the two objects, and resume.',
        });
      }
    }
    return segments;
  }

  /** Reads a segment, checks every checksum and that it is the segment its key names, and decodes its records. */
  async get(key: string): Promise<DecodedSegment> {
    const bytes = await this.fetch(key);
    const segment = await decodeSegment(bytes, this.urlOf(key));
    this.checkIdentity(key, segment.header);
    return segment;
  }

  /** Reads and verifies a segment without decoding its records (decode them block by block with segmentRecords). */
  async open(key: string): Promise<VerifiedSegment> {
    const segment = verifySegment(await this.fetch(key), this.urlOf(key));
    this.checkIdentity(key, segment.header);
    return segment;
  }

  close(): void {
    if (this.ownsClient) this.s3.destroy();
  }

  private encryption(): Partial<PutObjectCommandInput> {
    return this.kmsKeyArn === undefined ? { ServerSideEncryption: 'AES256' } : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.kmsKeyArn };
  }

  private async fetch(key: string): Promise<Buffer> {
    try {
      const got = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const data = got.Body === undefined ? new Uint8Array() : await got.Body.transformToByteArray();
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if (isNotFound(error)) {
        throw new MigrationError({
          code: 'STORAGE',
          message: `segment ${this.urlOf(key)} does not exist`,
          hint: 'It was listed or recorded as written but is gone: check the bucket lifecycle rules and who else deletes under backup.s3_prefix.',
          cause: error,
        });
      }
      throw segmentS3Error('read segment', this.urlOf(key), error);
    }
  }

  private checkIdentity(key: string, header: SegmentHeader): void {
    const expected = this.keyFor(header.topic, header.partition, header.firstOffset < 0n ? 0n : header.firstOffset, header.lastOffset < 0n ? 0n : header.lastOffset);
    if (expected !== key || header.migrationId !== this.migrationId) {
      throw new MigrationError({
        code: 'STORAGE',
        message: `segment ${this.urlOf(key)} holds ${header.topic}-${header.partition} offsets ${header.firstOffset}..${header.lastOffset} of migration ${header.migrationId}, not what its key names`,
        hint: 'An object was copied or renamed under this key. Do not restore from it; delete it and resume the seed.',
      });
    }
  }

  /** The stored object's content digest; undefined when there is no object. Reads the object when metadata lacks it. */
  private async storedContentSha(key: string): Promise<string | undefined> {
    let head;
    try {
      head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw segmentS3Error('read segment metadata of', this.urlOf(key), error);
    }
    const fromMetadata = head.Metadata?.[META_CONTENT_SHA];
    if (fromMetadata !== undefined && fromMetadata !== '') return fromMetadata;
    return verifySegment(await this.fetch(key), this.urlOf(key)).contentSha256;
  }

  /** PutObject with If-None-Match: *; false when the key exists (or another conditional write to it is in flight). */
  private async putOnce(input: PutObjectCommandInput, body: Buffer): Promise<boolean> {
    try {
      await this.s3.send(new PutObjectCommand({ ...input, Body: body, ContentLength: body.length, IfNoneMatch: '*' }));
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  private sameRecordsOrRefuse(segment: EncodedSegment, key: string, stored: string, multipart: boolean): SegmentPutResult {
    const url = this.urlOf(key);
    if (stored !== segment.contentSha256) {
      throw new MigrationError({
        code: 'STORAGE',
        message: `a different segment is already stored at ${url}: its records have SHA-256 ${stored}, the segment being written has ${segment.contentSha256}`,
        hint:
          'Two runs read different records for the same offsets, or another migration shares this id and prefix. Stop every run of this migration ' +
          'and compare the two (kafka-backup never overwrites a segment).',
      });
    }
    return { key, url, created: false, multipart };
  }
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
