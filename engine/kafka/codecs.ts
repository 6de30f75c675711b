import kafkajs from 'kafkajs';
import { lz4Compress, lz4Decompress } from './codecs/lz4.js';
import { snappyCompress, snappyDecompress } from './codecs/snappy.js';
import { initZstd, zstdCompress, zstdDecompress } from './codecs/zstd.js';

/**
 * Compression codecs for kafkajs 2.2.4, which ships only gzip. After `registerCodecs()` kafkajs reads and writes
 * record batches compressed with snappy, lz4 and zstd as well, in the shapes Kafka's Java client writes.
 */

/** The codec interface kafkajs calls (src/protocol/message/compression): `compress` gets its Encoder. */
export interface KafkajsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

export type KafkajsCodecFactory = () => KafkajsCodec;

export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export const snappyCodec: KafkajsCodec = {
  compress: async (encoder) => snappyCompress(encoder.buffer),
  decompress: async (buffer) => snappyDecompress(buffer),
};

export const lz4Codec: KafkajsCodec = {
  compress: async (encoder) => lz4Compress(encoder.buffer),
  decompress: async (buffer) => lz4Decompress(buffer),
};

/** Usable once `registerCodecs()` (or `initZstd()`) has resolved. */
export const zstdCodec: KafkajsCodec = {
  compress: async (encoder) => zstdCompress(encoder.buffer),
  decompress: async (buffer) => zstdDecompress(buffer),
};

let registration: Promise<void> | undefined;

/**
 * Registers the snappy, lz4 and zstd codecs in kafkajs's global `CompressionCodecs`. Idempotent and safe to call
 * concurrently; resolves once the zstd wasm module is loaded. Call it before any consumer or producer connects.
 */
export function registerCodecs(): Promise<void> {
  registration ??= initZstd().then(
    () => {
      const { CompressionCodecs, CompressionTypes } = kafkajs;
      CompressionCodecs[CompressionTypes.Snappy] = () => snappyCodec;
      CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
      CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;
    },
    (error: unknown) => {
      registration = undefined;
      throw error;
    },
  );
  return registration;
}

/** Maps a codec name (Kafka's `compression.type` values) to kafkajs's CompressionTypes. */
export function compressionType(name: CompressionName): kafkajs.CompressionTypes {
  const { CompressionTypes } = kafkajs;
  switch (name) {
    case 'none':
      return CompressionTypes.None;
    case 'gzip':
      return CompressionTypes.GZIP;
    case 'snappy':
      return CompressionTypes.Snappy;
    case 'lz4':
      return CompressionTypes.LZ4;
    case 'zstd':
      return CompressionTypes.ZSTD;
  }
}
