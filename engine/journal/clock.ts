/**
 * Time for journal entries and leases. Entry times are ISO 8601 UTC with microseconds: the milliseconds come from
 * `Date`, the sub-millisecond digits from `process.hrtime`, and within one process every reading is later than the
 * one before (so entries written by one process never share or reverse a time). Tests inject their own clock.
 */

export interface JournalClock {
  /** Milliseconds since the epoch; used for lease heartbeats and expiry. */
  nowMs(): number;
  /** Now, as `2026-04-25T06:15:07.512121Z`; strictly increasing within the process. */
  isoMicros(): string;
}

/** Microseconds since the epoch as ISO 8601 UTC with six fractional digits. */
export function formatIsoMicros(epochMicros: number): string {
  const micros = Math.floor(epochMicros);
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString(); // 2026-04-25T06:15:07.512Z
  const subMillis = String(micros - millis * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${subMillis}Z`;
}

const ISO_MICROS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/;

/** Microseconds since the epoch of an ISO 8601 UTC time (any number of fractional digits up to six); NaN if invalid. */
export function parseIsoMicros(text: string): number {
  const match = ISO_MICROS.exec(text);
  if (match === null) return Number.NaN;
  const seconds = Date.parse(`${match[1]}Z`);
  if (Number.isNaN(seconds)) return Number.NaN;
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return seconds * 1000 + Number(fraction);
}

/** Milliseconds since the epoch of an ISO time (NaN if invalid). */
export function parseIsoMillis(text: string): number {
  return Math.floor(parseIsoMicros(text) / 1000);
}

let lastMicros = 0;

function systemMicros(): number {
  const millis = Date.now();
  const subMillis = Number((process.hrtime.bigint() / 1000n) % 1000n);
  let micros = millis * 1000 + subMillis;
  if (micros <= lastMicros) micros = lastMicros + 1;
  lastMicros = micros;
  return micros;
}

export const systemClock: JournalClock = Object.freeze({
  nowMs: () => Date.now(),
  isoMicros: () => formatIsoMicros(systemMicros()),
});
