/**
 * The segment copier: the seed through the S3 backup channel, the tail direct, behind the DataCopier interface, over
 * the record ports (PartitionReader on the source, PartitionWriter on the target). Per partition, in plan order and
 * at most `maxConcurrentPartitions` at a time: seed [position, boundary) through segments with a pipelined restore,
 * then tail from the boundary until stopped. docs/design/copy.md describes it.
 */
import type { CopyStartOptions, DataCopier } from '../data-copier.js';
import { sortPositions, type PartitionPosition } from '../positions.js';
import type { CopyContext } from './context.js';
import { SegmentCopyRunImpl, type SegmentCopyRun } from './copy-run.js';
import type { PartitionReader, PartitionWriter } from '../record-ports.js';
import { copierLimits, type SegmentCopierOptions, type SegmentStorePort } from './options.js';
import { PositionBook } from './position-book.js';
import { RunControl } from './run-control.js';
import { seedPartition } from './seed-partition.js';
import { Slots } from './slots.js';
import { tailPartition } from './tail-partition.js';

export interface SegmentCopier extends DataCopier {
  start(positions: readonly PartitionPosition[], options: CopyStartOptions): Promise<SegmentCopyRun>;
}

/** Opens the reader, writer and store; when one cannot be opened, closes the others and throws its error. */
async function openPorts(options: SegmentCopierOptions): Promise<{ reader: PartitionReader; writer: PartitionWriter; store: SegmentStorePort }> {
  const [reader, writer, store] = await Promise.allSettled([options.openReader(), options.openWriter(), options.openStore()]);
  if (reader.status === 'fulfilled' && writer.status === 'fulfilled' && store.status === 'fulfilled') return { reader: reader.value, writer: writer.value, store: store.value };
  await Promise.allSettled([reader.status === 'fulfilled' ? reader.value.close() : undefined, writer.status === 'fulfilled' ? writer.value.close() : undefined]);
  if (store.status === 'fulfilled') store.value.close();
  throw [reader, writer, store].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))[0];
}

export function createSegmentCopier(options: SegmentCopierOptions): SegmentCopier {
  return {
    async start(positions: readonly PartitionPosition[], startOptions: CopyStartOptions): Promise<SegmentCopyRun> {
      const limits = copierLimits(options);
      const now = options.now ?? Date.now;
      const control = new RunControl(now, (event) => {
        options.onEvent?.(event);
        if (event.type === 'retention.gap') startOptions.onRetentionGap?.({ topic: event.topic, partition: event.partition, from: event.from, to: event.to });
      });
      const { reader, writer, store } = await openPorts(options);
      const book = new PositionBook(positions, startOptions.tailFrom);
      const context: CopyContext = { control, reader, writer, store, book, limits, migrationId: options.migrationId, now, appendMaxBytes: limits.appendMaxBytes };
      const seedSlots = new Slots(limits.slots);
      const tailSlots = new Slots(limits.tailConcurrency);

      const copyPartition = async (position: PartitionPosition): Promise<void> => {
        if (position.nextSourceOffset < book.boundary(position)) {
          await seedSlots.with(async () => {
            if (control.running) await seedPartition(context, position);
          });
        }
        if (control.running) await tailPartition(context, position, tailSlots);
      };
      const tasks = Promise.all(sortPositions(positions).map((position) => copyPartition(position).catch((error: unknown) => control.fail(error))));
      const close = async () => {
        await Promise.allSettled([reader.close(), writer.close()]);
        store.close();
      };
      return new SegmentCopyRunImpl(control, book, tasks, close);
    },
  };
}
