// Minimal types for the parts of lz4js 0.2 this project uses. The library ships none.
declare module 'lz4js' {
  /**
   * Decompresses one LZ4 block from src[sIndex, sIndex + sLength) into dst from dIndex on; returns the
   * new end of the output. No bounds checks: dst must be large enough, and matches may reach back into
   * earlier output in dst (dependent blocks).
   */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
}

declare module 'lz4js/xxh32.js' {
  /** xxHash32 of src[index, index + length) with the given seed, as an unsigned 32-bit number. */
  export function hash(seed: number, src: Uint8Array, index: number, length: number): number;
}
