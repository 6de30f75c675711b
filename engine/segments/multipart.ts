/**
 * A multipart upload written out (CreateMultipartUpload, UploadPart, CompleteMultipartUpload), so no extra
 * dependency is needed: @aws-sdk/lib-storage is not installed, and a whole segment is in memory anyway, which is
 * the case its streaming machinery exists for. Any failure, a lost If-None-Match race included, aborts the upload
 * so no parts are left behind to be billed.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CreateMultipartUploadCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { isConditionFailed } from '../journal/s3-errors.js';

/** S3's minimum part size (all parts but the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const PART_CONCURRENCY = 4;

export interface MultipartPut {
  readonly s3: S3Client;
  readonly create: CreateMultipartUploadCommandInput & { Bucket: string; Key: string };
  readonly body: Buffer;
  readonly partBytes: number;
  /** Complete with If-None-Match: * so an existing object is never replaced. */
  readonly ifNoneMatch: boolean;
}

export interface MultipartResult {
  /** False when the key already existed (If-None-Match lost); the upload was aborted. */
  readonly created: boolean;
  readonly parts: number;
}

export async function putMultipart(put: MultipartPut): Promise<MultipartResult> {
  const { s3, create, body } = put;
  const partBytes = Math.max(put.partBytes, MIN_PART_BYTES);
  const started = await s3.send(new CreateMultipartUploadCommand(create));
  const uploadId = started.UploadId;
  if (uploadId === undefined) throw new Error('CreateMultipartUpload returned no UploadId');
  const target = { Bucket: create.Bucket, Key: create.Key, UploadId: uploadId };
  const count = Math.max(1, Math.ceil(body.length / partBytes));
  try {
    const etags: string[] = new Array(count);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const index = next;
        next += 1;
        const part = body.subarray(index * partBytes, Math.min(body.length, (index + 1) * partBytes));
        const sent = await s3.send(new UploadPartCommand({ ...target, PartNumber: index + 1, Body: part, ContentLength: part.length }));
        if (sent.ETag === undefined) throw new Error(`UploadPart ${index + 1} returned no ETag`);
        etags[index] = sent.ETag;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, count) }, worker));
    try {
      await s3.send(
        new CompleteMultipartUploadCommand({
          ...target,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
          ...(put.ifNoneMatch ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (error) {
      if (put.ifNoneMatch && isConditionFailed(error)) {
        await abort(s3, target);
        return { created: false, parts: count };
      }
      throw error;
    }
    return { created: true, parts: count };
  } catch (error) {
    await abort(s3, target);
    throw error;
  }
}

async function abort(s3: S3Client, target: { Bucket: string; Key: string; UploadId: string }): Promise<void> {
  try {
    await s3.send(new AbortMultipartUploadCommand(target));
  } catch {
    // The original failure is what matters; a bucket lifecycle rule for incomplete uploads cleans up the rest.
  }
}
