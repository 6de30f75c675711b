/** A compressed record batch that a codec cannot decode (or data it cannot encode). Never holds record bytes. */
export class CodecError extends Error {
  readonly codec: 'snappy' | 'lz4' | 'zstd';

  constructor(codec: 'snappy' | 'lz4' | 'zstd', message: string, cause?: unknown) {
    super(`${codec}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'CodecError';
    this.codec = codec;
  }
}

/** A Buffer view over the same memory (no copy); kafkajs's decoder needs Buffer methods. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
