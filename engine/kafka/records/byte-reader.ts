/**
 * A big-endian reader over a Kafka response, for the fixed-width fields of the protocol (records are read with the
 * varint cursor functions). Every read checks the remaining length and names the field that ran out.
 */
export class ResponseTruncatedError extends Error {
  constructor(what: string, position: number, length: number) {
    super(`response truncated: ${what} at byte ${position} runs past the end (${length} bytes)`);
    this.name = 'ResponseTruncatedError';
  }
}

export class ByteReader {
  pos = 0;

  constructor(readonly buf: Buffer) {}

  private need(bytes: number, what: string): number {
    const at = this.pos;
    if (at + bytes > this.buf.length) throw new ResponseTruncatedError(what, at, this.buf.length);
    this.pos = at + bytes;
    return at;
  }

  i8(what: string): number {
    return this.buf.readInt8(this.need(1, what));
  }

  i16(what: string): number {
    return this.buf.readInt16BE(this.need(2, what));
  }

  i32(what: string): number {
    return this.buf.readInt32BE(this.need(4, what));
  }

  i64(what: string): bigint {
    return this.buf.readBigInt64BE(this.need(8, what));
  }

  string(what: string): string | null {
    const length = this.i16(`${what} length`);
    if (length < 0) return null;
    const at = this.need(length, what);
    return this.buf.toString('utf8', at, at + length);
  }

  /** NULLABLE_BYTES as a view (no copy). */
  bytes(what: string): Buffer | null {
    const length = this.i32(`${what} length`);
    if (length < 0) return null;
    const at = this.need(length, what);
    return this.buf.subarray(at, at + length);
  }

  /** ARRAY: int32 count (-1 = null, read as empty) then `count` items. */
  array<T>(what: string, item: (reader: ByteReader, index: number) => T): T[] {
    const count = this.i32(`${what} count`);
    const items: T[] = [];
    for (let i = 0; i < count; i += 1) items.push(item(this, i));
    return items;
  }

  nullableArray<T>(what: string, item: (reader: ByteReader, index: number) => T): T[] | null {
    const at = this.pos;
    if (this.i32(`${what} count`) < 0) return null;
    this.pos = at;
    return this.array(what, item);
  }
}
