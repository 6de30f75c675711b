import { describe, expect, it } from 'vitest';
import {
  SENTINEL_HEADER,
  SENTINEL_KEY,
  isSentinel,
  parseSentinel,
  sentinelMessage,
} from '../../../engine/cutover/sentinel.js';

describe('the cutover sentinel record', () => {
  const message = sentinelMessage('mig-s-1', 7, new Date('2026-11-25T12:00:05.250Z'));

  it('has the reserved key, the migration-id header and the documented JSON value', () => {
    expect(message.key.toString('utf8')).toBe('__kafka_backup_sentinel__');
    expect(message.headers['kafka-backup-migration-id'].toString('utf8')).toBe('mig-s-1');
    expect(message.value.toString('utf8')).toBe(
      '{"type":"kafka-backup.sentinel","migration_id":"mig-s-1","partition":7,"at":"2026-11-25T12:00:05.250Z"}',
    );
  });

  it('is recognised as produced, as a consumer sees it (string headers, header arrays, header lists), and for its migration only', () => {
    expect(isSentinel(message)).toBe(true);
    expect(isSentinel(message, 'mig-s-1')).toBe(true);
    expect(isSentinel(message, 'mig-other')).toBe(false);
    expect(isSentinel({ key: SENTINEL_KEY, value: message.value, headers: { [SENTINEL_HEADER]: 'mig-s-1' } })).toBe(true);
    expect(isSentinel({ key: new Uint8Array(message.key), headers: { [SENTINEL_HEADER]: [Buffer.from('a'), Buffer.from('mig-s-1')] } }, 'mig-s-1')).toBe(true);
    expect(isSentinel({ key: message.key, headers: [{ key: SENTINEL_HEADER, value: 'mig-s-1' }] })).toBe(true);
    expect(parseSentinel(message)).toEqual({ type: 'kafka-backup.sentinel', migration_id: 'mig-s-1', partition: 7, at: '2026-11-25T12:00:05.250Z' });
  });

  it('is not confused with ordinary records', () => {
    expect(isSentinel({ key: 'order-1', value: message.value, headers: message.headers })).toBe(false);
    expect(isSentinel({ key: SENTINEL_KEY, value: message.value })).toBe(false);
    expect(isSentinel({ key: SENTINEL_KEY, value: message.value, headers: { other: 'x' } })).toBe(false);
    expect(isSentinel({ key: null, value: null })).toBe(false);
    expect(isSentinel({ key: `${SENTINEL_KEY} `, headers: message.headers })).toBe(false);
  });

  it('parseSentinel refuses a value that is not a sentinel, or names another migration than its header', () => {
    const headers = message.headers;
    expect(parseSentinel({ key: SENTINEL_KEY, headers, value: 'not json' })).toBeUndefined();
    expect(parseSentinel({ key: SENTINEL_KEY, headers, value: '{"type":"other","migration_id":"mig-s-1","partition":1,"at":"x"}' })).toBeUndefined();
    expect(parseSentinel({ key: SENTINEL_KEY, headers, value: '{"type":"kafka-backup.sentinel","migration_id":"mig-s-1","partition":1.5,"at":"x"}' })).toBeUndefined();
    expect(
      parseSentinel({ key: SENTINEL_KEY, headers, value: '{"type":"kafka-backup.sentinel","migration_id":"mig-x","partition":1,"at":"x"}' }),
    ).toBeUndefined();
  });
});
