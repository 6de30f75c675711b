/**
 * An in-memory S3 for the store's unit tests: conditional puts, multipart uploads, paginated listing (2 keys a page),
 * and hooks to script a conflict or watch the calls. Only what S3SegmentStore uses.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface FakeObject {
  body: Buffer;
  metadata: Record<string, string>;
  sse: string | undefined;
  kmsKey: string | undefined;
}

function s3Error(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

export class FakeS3 {
  readonly objects = new Map<string, FakeObject>();
  readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer>; create: Record<string, unknown> }>();
  readonly calls: string[] = [];
  /** Called before each command; throw from it to script a failure. */
  before: (name: string, input: Record<string, unknown>) => void = () => {};
  /** Called after a successful CreateMultipartUpload... Complete, e.g. to let a rival write land in between. */
  beforeComplete: (key: string) => void = () => {};
  private nextUpload = 1;

  get client(): S3Client {
    return { send: (command: unknown) => this.send(command), destroy: () => {} } as unknown as S3Client;
  }

  private async send(command: unknown): Promise<unknown> {
    const input = (command as { input: Record<string, unknown> }).input;
    const name = (command as object).constructor.name.replace(/Command$/, '');
    this.calls.push(name);
    this.before(name, input);
    const key = input['Key'] as string;
    if (command instanceof PutObjectCommand) {
      if (input['IfNoneMatch'] === '*' && this.objects.has(key)) throw s3Error('PreconditionFailed', 412);
      this.objects.set(key, this.objectOf(Buffer.from(input['Body'] as Uint8Array), input));
      return { ETag: '"e"' };
    }
    if (command instanceof HeadObjectCommand || command instanceof GetObjectCommand) {
      const object = this.objects.get(key);
      if (object === undefined) throw s3Error(command instanceof HeadObjectCommand ? 'NotFound' : 'NoSuchKey', 404);
      const common = { Metadata: object.metadata, ServerSideEncryption: object.sse, SSEKMSKeyId: object.kmsKey, ContentLength: object.body.length };
      if (command instanceof HeadObjectCommand) return common;
      return { ...common, Body: { transformToByteArray: async () => new Uint8Array(object.body) } };
    }
    if (command instanceof ListObjectsV2Command) {
      const prefix = (input['Prefix'] as string | undefined) ?? '';
      const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const from = input['ContinuationToken'] === undefined ? 0 : Number(input['ContinuationToken']);
      const page = keys.slice(from, from + 2);
      const more = from + 2 < keys.length;
      return {
        Contents: page.map((k) => ({ Key: k, Size: this.objects.get(k)?.body.length })),
        IsTruncated: more,
        ...(more ? { NextContinuationToken: String(from + 2) } : {}),
      };
    }
    if (command instanceof CreateMultipartUploadCommand) {
      const id = `upload-${this.nextUpload++}`;
      this.uploads.set(id, { key, parts: new Map(), create: input });
      return { UploadId: id };
    }
    if (command instanceof UploadPartCommand) {
      const upload = this.uploads.get(input['UploadId'] as string);
      if (upload === undefined) throw s3Error('NoSuchUpload', 404);
      upload.parts.set(input['PartNumber'] as number, Buffer.from(input['Body'] as Uint8Array));
      return { ETag: `"p${String(input['PartNumber'])}"` };
    }
    if (command instanceof CompleteMultipartUploadCommand) {
      const upload = this.uploads.get(input['UploadId'] as string);
      if (upload === undefined) throw s3Error('NoSuchUpload', 404);
      this.beforeComplete(key);
      if (input['IfNoneMatch'] === '*' && this.objects.has(key)) throw s3Error('PreconditionFailed', 412);
      const body = Buffer.concat([...upload.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, part]) => part));
      this.objects.set(key, this.objectOf(body, upload.create));
      this.uploads.delete(input['UploadId'] as string);
      return {};
    }
    if (command instanceof AbortMultipartUploadCommand) {
      this.uploads.delete(input['UploadId'] as string);
      return {};
    }
    throw new Error(`FakeS3 does not do ${name}`);
  }

  private objectOf(body: Buffer, input: Record<string, unknown>): FakeObject {
    return {
      body,
      metadata: { ...((input['Metadata'] as Record<string, string> | undefined) ?? {}) },
      sse: input['ServerSideEncryption'] as string | undefined,
      kmsKey: input['SSEKMSKeyId'] as string | undefined,
    };
  }
}
