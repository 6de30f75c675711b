/** Results of the precheck's I/O probes (`probes.ts` runs them); `evaluatePrecheck` reads them, purely. */

export type ProbeResult =
  | {
      readonly ok: true;
      /** The probe wrote and read back fine but could not remove its object: where it is and why. */
      readonly leftover?: { readonly key: string; readonly error: string } | undefined;
    }
  | { readonly ok: false; readonly error: string }
  | { readonly ok: 'skipped'; readonly reason: string };

export interface Probes {
  readonly backupBucket: ProbeResult;
  readonly evidenceBucket: ProbeResult;
  /** Present when `backup.kms_key_arn` is set (absent counts as skipped). */
  readonly kmsKey?: ProbeResult | undefined;
}
