/** A record batch the reader cannot trust: which partition, which batch, where in the fetched bytes, what failed. */
import { MigrationError } from '../../errors.js';

export interface BatchDamage {
  readonly topic: string;
  readonly partition: number;
  /** The batch's base offset as its header states it (undefined when the header itself is unreadable). */
  readonly baseOffset: bigint | undefined;
  /** Position of the batch in the partition's records bytes of the fetch answer. */
  readonly bytePosition: number;
  readonly detail: string;
}

export class RecordBatchDamageError extends MigrationError {
  readonly damage: BatchDamage;

  constructor(damage: BatchDamage) {
    const at = damage.baseOffset === undefined ? '' : ` at offset ${damage.baseOffset}`;
    super({
      code: 'STORAGE',
      message: `${damage.topic}-${damage.partition}: record batch${at} (byte ${damage.bytePosition} of the fetch answer) is damaged: ${damage.detail}`,
      hint:
        'The broker returned a batch that does not check out. Run the copy again (a network fault heals on a re-fetch); if it repeats, ' +
        "inspect the partition's log segment on the leader with kafka-dump-log.sh --deep-iteration and compare with the other replicas.",
      retriable: false,
    });
    this.name = 'RecordBatchDamageError';
    this.damage = damage;
  }
}
