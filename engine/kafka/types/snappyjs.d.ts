// Minimal types for snappyjs 0.7 (raw Snappy blocks, no framing). The library ships none.
declare module 'snappyjs' {
  /** Compresses into one raw Snappy block; returns the same kind of object it was given. */
  export function compress<T extends Uint8Array | ArrayBuffer>(uncompressed: T): T;
  /** Decompresses one raw Snappy block; throws on a corrupt block or one above maxLength bytes. */
  export function uncompress<T extends Uint8Array | ArrayBuffer>(compressed: T, maxLength?: number): T;
}
