/** A growable big-endian byte buffer for encoding Kafka request bodies (record batches are sized first: batch-encode.ts). */
export class ByteWriter {
  private buf: Buffer;
  private length = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private ensure(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = Buffer.allocUnsafe(capacity);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  i8(value: number): this {
    this.ensure(1);
    this.length = this.buf.writeInt8(value, this.length);
    return this;
  }

  i16(value: number): this {
    this.ensure(2);
    this.length = this.buf.writeInt16BE(value, this.length);
    return this;
  }

  i32(value: number): this {
    this.ensure(4);
    this.length = this.buf.writeInt32BE(value, this.length);
    return this;
  }

  i64(value: bigint): this {
    this.ensure(8);
    this.length = this.buf.writeBigInt64BE(value, this.length);
    return this;
  }

  bytes(value: Uint8Array): this {
    this.ensure(value.length);
    this.buf.set(value, this.length);
    this.length += value.length;
    return this;
  }

  /** Kafka STRING / NULLABLE_STRING: int16 length (-1 = null) and UTF-8 bytes. */
  string(value: string | null): this {
    if (value === null) return this.i16(-1);
    const bytes = Buffer.from(value, 'utf8');
    return this.i16(bytes.length).bytes(bytes);
  }

  /** Kafka BYTES / NULLABLE_BYTES: int32 length (-1 = null) and the bytes. */
  sizedBytes(value: Uint8Array | null): this {
    if (value === null) return this.i32(-1);
    return this.i32(value.length).bytes(value);
  }

  /** A view of the bytes written so far (valid until the next write). */
  view(from = 0, to = this.length): Buffer {
    return this.buf.subarray(from, to);
  }

  /** The bytes written, as a buffer of their own. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}
