/** Messages between the copy bench and its copier child process (Node IPC). Times are Date.now() milliseconds. */
export interface StartMessage {
  readonly type: 'start';
  /** A migration config scoped to the bench topics. */
  readonly configPath: string;
  readonly migrationId: string;
  /** Added to the child's environment (the bed's AWS keys for moto). */
  readonly env: Record<string, string>;
  /** plan-only: discover, plan and read the offsets, copy nothing (the RSS baseline of the same process). */
  readonly mode: 'plan-only' | 'seed-only' | 'seed-and-tail';
}

export type ParentMessage =
  | StartMessage
  | { readonly type: 'tail-produced'; readonly atMs: number }
  | { readonly type: 'exit' };

export interface CopiedFigure {
  readonly records: number;
  readonly bytes: number;
  readonly seconds: number;
}

export type ChildMessage =
  | { readonly type: 'ready'; readonly partitions: number; readonly records: number }
  /** `copyRun`: the class name of the CopyRun the default copier returned (which copier this was). */
  | ({ readonly type: 'seed-done'; readonly copyRun: string } & CopiedFigure)
  | { readonly type: 'tail-done'; readonly records: number; readonly bytes: number; readonly catchUpSeconds: number }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };
