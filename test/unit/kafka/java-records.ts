/**
 * The records test/unit/kafka/fixtures/JavaBatches.java writes (and the integration test sends through Kafka's
 * console producer), built the same way on this side. Strings are UTF-8 with 2-, 3- and 4-byte characters.
 */
export interface ExpectedRecord {
  key: Buffer | null;
  value: Buffer | null;
  /** In order, duplicates kept; a null value is a header with no value. */
  headers: Array<[string, Buffer | null]>;
  timestamp: number;
}

export const JAVA_FIXTURE_RECORD_COUNT = 40;

export function javaFixtureKey(i: number): string | null {
  return i % 7 === 3 ? null : `key-${i}-ключ`;
}

export function javaFixtureValue(i: number): string | null {
  if (i % 11 === 4) return null;
  const units = i === 5 || i === 17 ? 2000 : 1 + ((i * 37) % 50);
  const parts: string[] = [];
  for (let j = 0; j < units; j += 1) {
    parts.push(`{"id":${i},"j":${j},"name":"Zoë 日本 \u{1F680}","n":${(i * 31 + j * 7) % 1000}}`);
  }
  return parts.join('');
}

export function javaFixtureHeaders(i: number): Array<[string, string | null]> {
  const headers: Array<[string, string | null]> = [];
  if (i % 5 !== 0) headers.push(['trace', `t-${i}`], ['dup', 'a'], ['dup', `b-${i}`]);
  if (i % 10 === 1) headers.push(['nullable', null]);
  return headers;
}

const utf8 = (text: string | null): Buffer | null => (text === null ? null : Buffer.from(text, 'utf8'));

export function javaFixtureRecords(): ExpectedRecord[] {
  return Array.from({ length: JAVA_FIXTURE_RECORD_COUNT }, (_, i) => ({
    key: utf8(javaFixtureKey(i)),
    value: utf8(javaFixtureValue(i)),
    headers: javaFixtureHeaders(i).map(([name, value]): [string, Buffer | null] => [name, utf8(value)]),
    timestamp: 1_700_000_000_000 + i * 1000,
  }));
}

/** kafkajs folds headers into an object (repeated keys become arrays); fold the expected ones the same way. */
export function asKafkajsHeaders(headers: Array<[string, Buffer | null]>): Record<string, Buffer | null | Array<Buffer | null>> {
  const out: Record<string, Buffer | null | Array<Buffer | null>> = {};
  for (const [name, value] of headers) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** '' when both are byte-for-byte equal (or both null); otherwise where they first differ. Fast on large buffers. */
export function bytesDiff(actual: Uint8Array | null | undefined, expected: Uint8Array | null): string {
  if (actual === null || actual === undefined || expected === null) {
    return (actual ?? null) === expected ? '' : `expected ${expected === null ? 'null' : `${expected.length} bytes`}, got ${actual === null || actual === undefined ? String(actual) : `${actual.length} bytes`}`;
  }
  if (Buffer.compare(actual, expected) === 0) return '';
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at += 1;
  return `lengths ${actual.length} vs expected ${expected.length}, first difference at byte ${at}`;
}
