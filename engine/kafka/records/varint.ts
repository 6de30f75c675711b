/**
 * Kafka's variable-length integers (protobuf style, zigzag-encoded), as record batch v2 uses them: `varint` for
 * int32 fields (lengths, offset deltas, header counts) and `varlong` for the int64 timestamp delta. Numbers stay
 * `number` while exact (|value| < 2^52); a varlong beyond that is read and written through `bigint`.
 */
/** Where a reader stands in a buffer; the decoders advance `pos`. */
export interface Cursor {
  readonly buf: Buffer;
  pos: number;
  /** Exclusive end of the readable bytes. */
  end: number;
}

export class VarintError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'VarintError';
  }
}

const FAST_LIMIT = 2 ** 52;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Reads a zigzag varint that must fit an int32. */
export function readVarint(cursor: Cursor): number {
  const { buf, end } = cursor;
  const start = cursor.pos;
  let pos = start;
  let raw = 0;
  let shift = 0;
  for (;;) {
    if (pos >= end) throw new VarintError(`varint at byte ${start} runs past the end`, start);
    const byte = buf[pos++] as number;
    if (shift === 28 && (byte & 0xf0) !== 0) throw new VarintError(`varint at byte ${start} is longer than 32 bits`, start);
    raw |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  cursor.pos = pos;
  return (raw >>> 1) ^ -(raw & 1);
}

/** Reads a zigzag varlong (int64) as a bigint. */
export function readVarlong(cursor: Cursor): bigint {
  const { buf, end } = cursor;
  const start = cursor.pos;
  let pos = start;
  let raw = 0;
  let scale = 1;
  let bytes = 0;
  for (;;) {
    if (pos >= end) throw new VarintError(`varlong at byte ${start} runs past the end`, start);
    const byte = buf[pos++] as number;
    bytes += 1;
    raw += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) break;
    scale *= 128;
    if (bytes === 7) return readVarlongSlow(cursor, start);
  }
  cursor.pos = pos;
  // raw < 2^49 here: exact in a double.
  return BigInt(raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2);
}

function readVarlongSlow(cursor: Cursor, start: number): bigint {
  const { buf, end } = cursor;
  let pos = start;
  let raw = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= end) throw new VarintError(`varlong at byte ${start} runs past the end`, start);
    const byte = buf[pos++] as number;
    if (shift === 63n && (byte & 0xfe) !== 0) throw new VarintError(`varlong at byte ${start} is longer than 64 bits`, start);
    raw |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7n;
  }
  cursor.pos = pos;
  return (raw >> 1n) ^ -(raw & 1n);
}

function checkInt32(value: number): void {
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) throw new RangeError(`varint ${value} is not an int32`);
}

function checkInt64(value: bigint): void {
  if (value < INT64_MIN || value > INT64_MAX) throw new RangeError(`varlong ${value} is not an int64`);
}

/** Bytes `putVarint` needs for `value` (an int32). */
export function varintSize(value: number): number {
  checkInt32(value);
  let raw = ((value << 1) ^ (value >> 31)) >>> 0;
  let size = 1;
  while (raw >= 0x80) {
    raw >>>= 7;
    size += 1;
  }
  return size;
}

/** Writes `value` (an int32) at `pos`; returns the position after it. */
export function putVarint(buf: Buffer, pos: number, value: number): number {
  checkInt32(value);
  let raw = ((value << 1) ^ (value >> 31)) >>> 0;
  let at = pos;
  while (raw >= 0x80) {
    buf[at++] = (raw & 0x7f) | 0x80;
    raw >>>= 7;
  }
  buf[at++] = raw;
  return at;
}

/** Bytes `putVarlong` needs for `value` (an int64). */
export function varlongSize(value: bigint): number {
  checkInt64(value);
  if (value > -FAST_LIMIT && value < FAST_LIMIT) {
    const n = Number(value);
    let raw = n >= 0 ? n * 2 : -n * 2 - 1;
    let size = 1;
    while (raw >= 0x80) {
      raw = Math.floor(raw / 0x80);
      size += 1;
    }
    return size;
  }
  let raw = value >= 0n ? value << 1n : ((-value) << 1n) - 1n;
  let size = 1;
  while (raw >= 0x80n) {
    raw >>= 7n;
    size += 1;
  }
  return size;
}

/** Writes `value` (an int64) at `pos`; returns the position after it. */
export function putVarlong(buf: Buffer, pos: number, value: bigint): number {
  checkInt64(value);
  let at = pos;
  if (value > -FAST_LIMIT && value < FAST_LIMIT) {
    const n = Number(value);
    let raw = n >= 0 ? n * 2 : -n * 2 - 1;
    while (raw >= 0x80) {
      buf[at++] = (raw % 0x80) | 0x80;
      raw = Math.floor(raw / 0x80);
    }
    buf[at++] = raw;
    return at;
  }
  let raw = value >= 0n ? value << 1n : ((-value) << 1n) - 1n;
  while (raw >= 0x80n) {
    buf[at++] = Number(raw & 0x7fn) | 0x80;
    raw >>= 7n;
  }
  buf[at++] = Number(raw);
  return at;
}
