import { MigrationError } from '../errors.js';

/**
 * Kafka's int64 fields (offsets, sizes, lags) as JS numbers. kafkajs hands them over as decimal strings or Long
 * objects; a value above Number.MAX_SAFE_INTEGER (2^53 - 1, about 9 PB or 9e15 records) cannot be represented
 * exactly and is refused rather than rounded, since a rounded offset would silently skip or repeat records.
 */
export function int64ToNumber(value: string | number | bigint | { toString(): string }, what: string): number {
  const text = typeof value === 'string' ? value.trim() : value.toString();
  if (!/^-?\d+$/.test(text)) {
    throw new MigrationError({
      code: 'INTERNAL',
      message: `${what}: expected a 64-bit integer from the broker, got "${text.slice(0, 40)}"`,
    });
  }
  const big = BigInt(text);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MigrationError({
      code: 'INTERNAL',
      message: `${what} is ${text}, beyond the largest integer this tool handles exactly (${Number.MAX_SAFE_INTEGER})`,
      hint: 'Such values do not occur on real clusters; check that the broker is a Kafka broker and report this.',
    });
  }
  return Number(big);
}
