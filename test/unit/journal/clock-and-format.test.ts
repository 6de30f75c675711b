import { describe, expect, it } from 'vitest';
import { formatIsoMicros, formatTransitionLine, parseIsoMicros, systemClock } from '../../../engine/journal/index.js';

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('entry times', () => {
  it('print microseconds', () => {
    expect(formatIsoMicros(Date.parse('2026-04-25T06:15:07.512Z') * 1000 + 121)).toBe('2026-04-25T06:15:07.512121Z');
    expect(formatIsoMicros(Date.parse('2026-04-25T06:15:07Z') * 1000 + 7)).toBe('2026-04-25T06:15:07.000007Z');
    expect(parseIsoMicros('2026-04-25T06:15:07.512121Z')).toBe(Date.parse('2026-04-25T06:15:07.512Z') * 1000 + 121);
    expect(parseIsoMicros('2026-04-25T06:15:07.5Z')).toBe(Date.parse('2026-04-25T06:15:07.500Z') * 1000);
    expect(parseIsoMicros('yesterday')).toBeNaN();
  });

  it('from the system clock are the wall-clock time, always later than the one before within the process', () => {
    const before = Date.now();
    const times = Array.from({ length: 5_000 }, () => systemClock.isoMicros());
    const after = Date.now();
    for (const time of times) expect(time).toMatch(ISO_MICROS);
    const micros = times.map(parseIsoMicros);
    for (let index = 1; index < micros.length; index += 1) expect(micros[index]).toBeGreaterThan(micros[index - 1] as number);
    expect(Math.floor((micros[0] as number) / 1000)).toBeGreaterThanOrEqual(before);
    // Microseconds may run ahead of the millisecond clock by the number of readings in one millisecond, no more.
    expect(Math.floor((micros.at(-1) as number) / 1000)).toBeLessThanOrEqual(after + 5);
    expect(new Set(times.map((time) => time.slice(23, 26))).size).toBeGreaterThan(1);
  });
});

describe('formatTransitionLine', () => {
  it('prints the reference journal lines exactly', () => {
    expect(formatTransitionLine({ at: '2026-04-25T06:15:07.512121Z', from: 'topology_copy', to: 'seed' })).toBe('2026-04-25T06:15:07.512121Z topology_copy -> seed');
    expect(formatTransitionLine({ at: '2026-04-25T06:25:30.777840Z', from: 'seed', to: 'tail' })).toBe('2026-04-25T06:25:30.777840Z seed -> tail');
    expect(
      formatTransitionLine({
        at: '2026-04-25T06:26:19.079610Z',
        from: 'tail',
        to: 'drain_ready',
        detail: 'drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0',
      }),
    ).toBe('2026-04-25T06:26:19.079610Z tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0');
    expect(
      formatTransitionLine({
        at: '2026-04-25T06:40:46.854037Z',
        from: 'cutover',
        to: 'awaiting_client_switch',
        detail: 'READY_FOR_CLIENT_SWITCH: groups_translated=0 offsets_committed=0 warnings=0',
      }),
    ).toBe('2026-04-25T06:40:46.854037Z cutover -> awaiting_client_switch READY_FOR_CLIENT_SWITCH: groups_translated=0 offsets_committed=0 warnings=0');
  });

  it('adds nothing for an empty detail', () => {
    expect(formatTransitionLine({ at: '2026-04-25T06:15:07.512121Z', from: 'seed', to: 'tail', detail: '' })).toBe('2026-04-25T06:15:07.512121Z seed -> tail');
  });
});
