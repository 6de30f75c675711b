/** The copy bench's figures: MB/s, the ceiling, ratios against the issue's targets, and the perf tools' summaries. */
import { describe, expect, it } from 'vitest';
import { mm2Properties } from '../../bench/copy/mm2.js';
import { parseConsumerSummary, parseProducerSummary } from '../../bench/copy/perf-tools.js';
import { ceilingOf, formatRatioValue, formatTarget, mbPerSecond, renderReport, throughputRatio, verdict, type FigureRow, type RatioLine } from '../../bench/copy/report.js';

const MiB = 1024 * 1024;
const row = (name: string, mb: number, seconds: number, records = mb * 1024): FigureRow => ({ name, records, bytes: mb * MiB, seconds });

describe('copy bench report', () => {
  it('takes the slower of producer and consumer as the ceiling', () => {
    const producer = row('producer', 100, 4); // 25 MB/s
    const consumer = row('consumer', 100, 2); // 50 MB/s
    expect(mbPerSecond(ceilingOf(producer, consumer))).toBe(25);
    expect(ceilingOf(producer, consumer).note).toBe('the producer');
    expect(ceilingOf(row('p', 100, 1), consumer).note).toBe('the consumer');
  });

  it('gives ours / baseline in MB/s, undefined when a side was not measured', () => {
    expect(throughputRatio(row('ours', 100, 2), row('mm2', 100, 5))).toBeCloseTo(2.5);
    expect(throughputRatio(row('ours', 100, 2), undefined)).toBeUndefined();
    expect(throughputRatio(row('ours', 100, 2), row('zero', 0, 0))).toBeUndefined();
  });

  it('says "below target" and "above target" honestly, and "meets target" only when it does', () => {
    const vsMm2: RatioLine = { name: 'ours / MM2', value: 1.99, target: 2, better: 'higher', unit: 'x' };
    expect([formatRatioValue(vsMm2), formatTarget(vsMm2), verdict(vsMm2)]).toEqual(['1.99×', '>= 2.00×', 'below target']);
    expect(verdict({ ...vsMm2, value: 2 })).toBe('meets target');
    const rss: RatioLine = { name: 'peak RSS', value: 300.4, target: 300, better: 'lower', unit: 'MiB' };
    expect([formatRatioValue(rss), formatTarget(rss), verdict(rss)]).toEqual(['300.4 MiB', '<= 300 MiB', 'above target']);
    expect(verdict({ ...rss, value: undefined })).toBe('not measured');
    expect(formatRatioValue({ ...rss, value: undefined })).toBe('n/a');
  });

  it('prints one table row per figure and one line per ratio', () => {
    const text = renderReport({
      machine: 'machine: test',
      dataSet: '1MiB',
      rows: [{ ...row('our seed', 10, 2), peakRssBytes: 150 * MiB }],
      ratios: [{ name: 'our seed / ceiling (MB/s)', value: 0.5, target: 0.8, better: 'higher', unit: 'x' }],
      notes: ['a note'],
    });
    expect(text).toMatch(/^our seed\s+5\.0\s+5,120\s+2\.0\s+10,240\s+150\.0 MiB/m);
    expect(text).toMatch(/^our seed \/ ceiling \(MB\/s\)\s+0\.50×\s+>= 0\.80×\s+below target$/m);
    expect(text.endsWith('a note')).toBe(true);
  });

  it('reads the summaries of ProducerPerformance and ConsumerPerformance', () => {
    const producer = parseProducerSummary('1000 records sent, 200.0 records/sec (0.20 MB/sec), 5.0 ms avg latency\n65536 records sent, 32768.0 records/sec (32.00 MB/sec), 12.5 ms avg latency, 80.0 ms max latency, 10 ms 50th.', 1024);
    expect(producer).toEqual({ records: 65_536, bytes: 65_536 * 1024, seconds: 2 });
    const consumer = parseConsumerSummary('2026-11-25 19:33:40:123, 2026-11-25 19:33:42:456, 64.0000, 27.4325, 65536, 28090.0, 350, 1983, 32.2743, 33048.9');
    expect(consumer).toEqual({ records: 65_536, bytes: 64 * MiB, seconds: 1.983 });
    expect(() => parseProducerSummary('ERROR boom', 1024)).toThrow('ProducerPerformance printed no summary line');
    expect(() => parseConsumerSummary('')).toThrow('ConsumerPerformance printed no summary line');
  });

  it('writes an mm2.properties that keeps topic names, copies only the bench topics and syncs nothing else', () => {
    const text = mm2Properties({ sourceAlias: 'srcx', targetAlias: 'tgtx', sourceBootstrap: 'a:1', targetBootstrap: 'b:2', topicPrefix: 'bench-copy-ab.c', tasks: 4 });
    expect(text).toContain('srcx->tgtx.topics = bench-copy-ab[.]c[.].*\n');
    expect(text).toContain('replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy\n');
    expect(text).toContain('tgtx->srcx.enabled = false\n');
    for (const off of ['sync.topic.configs.enabled', 'sync.topic.acls.enabled', 'sync.group.offsets.enabled', 'emit.heartbeats.enabled']) expect(text).toContain(`${off} = false\n`);
    expect(text).toContain('offset-syncs.topic.location = target\n');
    expect(text).not.toContain('\\');
  });
});
