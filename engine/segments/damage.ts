/** The error a damaged or foreign segment raises: which object, which bytes, what failed. */
import { MigrationError } from '../errors.js';

export type SegmentRegion = 'header' | 'block' | 'trailer' | 'object';

export interface SegmentDamage {
  /** Where the segment came from: its S3 URL or key, or a file path. */
  readonly where: string;
  readonly region: SegmentRegion;
  /** First damaged byte (inclusive) of the region, counted from the start of the object. */
  readonly byteStart: number;
  /** End (exclusive) of the region. */
  readonly byteEnd: number;
  /** For a block: its index (0-based) and the source offset of its first record, when the block header was readable. */
  readonly block?: number | undefined;
  readonly sourceOffset?: bigint | undefined;
  readonly detail: string;
}

export class SegmentDamageError extends MigrationError {
  readonly damage: SegmentDamage;

  constructor(damage: SegmentDamage) {
    const part = damage.block === undefined ? damage.region : `${damage.region === 'block' ? '' : `${damage.region}, `}block ${damage.block}`;
    const offset = damage.sourceOffset === undefined ? '' : `, records from source offset ${damage.sourceOffset}`;
    super({
      code: 'STORAGE',
      message: `segment ${damage.where} is damaged: ${part} at bytes ${damage.byteStart}..${damage.byteEnd - 1}${offset}: ${damage.detail}`,
      hint:
        'Do not restore from this object. If the source partition still holds these offsets, delete the object and resume the seed so it is written again; ' +
        'otherwise restore the object from a bucket version (the backup bucket should be versioned) before going on.',
      retriable: false,
    });
    this.name = 'SegmentDamageError';
    this.damage = damage;
  }
}

export function isSegmentDamageError(value: unknown): value is SegmentDamageError {
  return value instanceof SegmentDamageError;
}
