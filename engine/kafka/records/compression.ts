/**
 * Record batch compression (attributes bits 0-2): Kafka's codec ids and the codecs of engine/kafka/codecs/. zstd
 * needs `initZstd()` to have resolved (the reader and writer factories await it).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { lz4Compress, lz4Decompress } from '../codecs/lz4.js';
import { snappyCompress, snappyDecompress } from '../codecs/snappy.js';
import { zstdCompress, zstdDecompress } from '../codecs/zstd.js';
import type { SourceCompression } from '../../segments/types.js';

/** Index = Kafka's codec id. */
export const COMPRESSION_BY_ID: readonly SourceCompression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export function compressionId(name: SourceCompression): number {
  const id = COMPRESSION_BY_ID.indexOf(name);
  if (id < 0) throw new RangeError(`unknown compression "${String(name)}" (one of ${COMPRESSION_BY_ID.join(', ')})`);
  return id;
}

export function decompress(codec: SourceCompression, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gunzipSync(data);
    case 'snappy':
      return snappyDecompress(data);
    case 'lz4':
      return lz4Decompress(data);
    case 'zstd':
      return zstdDecompress(data);
  }
}

export function compress(codec: SourceCompression, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gzipSync(data);
    case 'snappy':
      return snappyCompress(data);
    case 'lz4':
      return lz4Compress(data);
    case 'zstd':
      return zstdCompress(data);
  }
}
