/** putMultipart against a scripted S3 client: parts in order, Complete with If-None-Match, Abort on every failure. */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { putMultipart } from '../../../engine/segments/multipart.js';

const MiB = 1024 * 1024;

interface Call {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

function scriptedS3(fail: { part?: number; complete?: { name: string; status: number } } = {}): { s3: S3Client; calls: Call[] } {
  const calls: Call[] = [];
  const send = async (command: unknown): Promise<unknown> => {
    const input = (command as { input: Record<string, unknown> }).input;
    const name = (command as object).constructor.name;
    calls.push({ name, input });
    if (command instanceof CreateMultipartUploadCommand) return { UploadId: 'u-1' };
    if (command instanceof UploadPartCommand) {
      if (input['PartNumber'] === fail.part) throw Object.assign(new Error('connection reset'), { name: 'RequestTimeout' });
      return { ETag: `"etag-${String(input['PartNumber'])}"` };
    }
    if (command instanceof CompleteMultipartUploadCommand) {
      if (fail.complete !== undefined) throw Object.assign(new Error(fail.complete.name), { name: fail.complete.name, $metadata: { httpStatusCode: fail.complete.status } });
      return {};
    }
    if (command instanceof AbortMultipartUploadCommand) return {};
    throw new Error(`unexpected ${name}`);
  };
  return { s3: { send } as unknown as S3Client, calls };
}

const create = { Bucket: 'b', Key: 'k' };

describe('putMultipart', () => {
  it('uploads 8 MiB parts in order and completes with If-None-Match: *', async () => {
    const { s3, calls } = scriptedS3();
    const body = Buffer.alloc(20 * MiB, 1);
    expect(await putMultipart({ s3, create, body, partBytes: 8 * MiB, ifNoneMatch: true })).toEqual({ created: true, parts: 3 });
    const parts = calls.filter((c) => c.name === 'UploadPartCommand');
    expect(parts.map((c) => [c.input['PartNumber'], (c.input['Body'] as Buffer).length])).toEqual([
      [1, 8 * MiB],
      [2, 8 * MiB],
      [3, 4 * MiB],
    ]);
    const complete = calls.find((c) => c.name === 'CompleteMultipartUploadCommand');
    expect(complete?.input['IfNoneMatch']).toBe('*');
    expect(complete?.input['MultipartUpload']).toEqual({ Parts: [1, 2, 3].map((n) => ({ ETag: `"etag-${n}"`, PartNumber: n })) });
    expect(calls.some((c) => c.name === 'AbortMultipartUploadCommand')).toBe(false);
  });

  it('aborts the upload when a part fails, and rethrows the failure', async () => {
    const { s3, calls } = scriptedS3({ part: 2 });
    await expect(putMultipart({ s3, create, body: Buffer.alloc(20 * MiB), partBytes: 8 * MiB, ifNoneMatch: true })).rejects.toThrow(/connection reset/);
    expect(calls.filter((c) => c.name === 'AbortMultipartUploadCommand').map((c) => c.input['UploadId'])).toEqual(['u-1']);
    expect(calls.some((c) => c.name === 'CompleteMultipartUploadCommand')).toBe(false);
  });

  it('a Complete refused by If-None-Match (412) aborts and reports "not created"', async () => {
    const { s3, calls } = scriptedS3({ complete: { name: 'PreconditionFailed', status: 412 } });
    expect(await putMultipart({ s3, create, body: Buffer.alloc(9 * MiB), partBytes: 8 * MiB, ifNoneMatch: true })).toEqual({ created: false, parts: 2 });
    expect(calls.filter((c) => c.name === 'AbortMultipartUploadCommand')).toHaveLength(1);
  });

  it('any other Complete failure aborts and rethrows', async () => {
    const { s3, calls } = scriptedS3({ complete: { name: 'InternalError', status: 500 } });
    await expect(putMultipart({ s3, create, body: Buffer.alloc(9 * MiB), partBytes: 8 * MiB, ifNoneMatch: true })).rejects.toThrow(/InternalError/);
    expect(calls.filter((c) => c.name === 'AbortMultipartUploadCommand')).toHaveLength(1);
  });

  it('never makes parts smaller than S3 allows (5 MiB) whatever it is asked', async () => {
    const { s3, calls } = scriptedS3();
    await putMultipart({ s3, create, body: Buffer.alloc(11 * MiB), partBytes: 1 * MiB, ifNoneMatch: true });
    expect(calls.filter((c) => c.name === 'UploadPartCommand').map((c) => (c.input['Body'] as Buffer).length)).toEqual([5 * MiB, 5 * MiB, 1 * MiB]);
  });
});
