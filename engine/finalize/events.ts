/** What finalize reports while it runs; any front end may render these (the command line prints plain lines). */
import type { CheckOutcome, CheckResult } from './types.js';

export type FinalizeEvent =
  | { readonly type: 'finalize.reading'; readonly done: number; readonly total: number; readonly topic: string; readonly partition: number }
  | { readonly type: 'finalize.check'; readonly check: CheckOutcome }
  | { readonly type: 'finalize.outcome'; readonly outcome: CheckResult }
  | { readonly type: 'finalize.evidence'; readonly stage: 'built' | 'uploaded' | 'written'; readonly where: string }
  | { readonly type: 'warning'; readonly message: string };

export type FinalizeListener = (event: FinalizeEvent) => void;
