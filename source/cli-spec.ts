/**
 * The command line of `kafka-backup migrate msk-kraft`, as ../shared/reference/cli-reference.md specifies it:
 * every subcommand with its flags, types, requirements and defaults. Parsing and help are generated from this table.
 */
export type FlagType = 'string' | 'boolean';

export interface FlagSpec {
  name: string;
  type: FlagType;
  /** Placeholder shown in usage, e.g. PATH. */
  value?: string;
  required?: boolean;
  default?: string | boolean;
  choices?: readonly string[];
  description: string;
}

export interface SubcommandSpec {
  name: string;
  summary: string;
  flags: readonly FlagSpec[];
  /** Exit codes as the reference documents them. */
  exitCodes: ReadonlyArray<readonly [number, string]>;
  /** Positional arguments, e.g. `<bundle>` for `evidence verify`. */
  positionals?: ReadonlyArray<{ name: string; description: string }>;
}

export const PLAN_FORMATS = ['json', 'runbook', 'aws-cli', 'iam-policy', 'cost', 'all'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

const config: FlagSpec = {
  name: 'config',
  type: 'string',
  value: 'PATH',
  required: true,
  description: 'Path to migration config YAML',
};
const migrationIdRequired: FlagSpec = {
  name: 'migration-id',
  type: 'string',
  value: 'ID',
  required: true,
  description: 'ID of the migration',
};
const journalDir: FlagSpec = {
  name: 'journal-dir',
  type: 'string',
  value: 'PATH',
  description: 'Local directory for the migration journal (if omitted, the journal is stored in S3)',
};

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: 'non-interactive',
    type: 'boolean',
    default: false,
    description: 'Never prompt or draw the dashboard; plain lines (also when stdin/stdout is not a TTY or CI is set)',
  },
  { name: 'json', type: 'boolean', default: false, description: 'Machine-readable JSON on stdout' },
  { name: 'help', type: 'boolean', default: false, description: 'Show help for this command' },
];

export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  {
    name: 'plan',
    summary: 'Generate a migration plan without making any changes.',
    flags: [
      config,
      {
        name: 'format',
        type: 'string',
        value: 'FORMAT',
        default: 'json',
        choices: PLAN_FORMATS,
        description: `Output format: ${PLAN_FORMATS.join(', ')}`,
      },
      {
        name: 'out-dir',
        type: 'string',
        value: 'PATH',
        description: 'Directory for output artifacts. Required when --format all.',
      },
      {
        name: 'migration-id',
        type: 'string',
        value: 'ID',
        description: 'Pin the migration ID for deterministic output (default: auto-generated)',
      },
      { name: 'force', type: 'boolean', default: false, description: 'Overwrite existing files in --out-dir' },
    ],
    exitCodes: [
      [0, 'Plan written'],
      [1, 'Plan failed (bad config, unreachable cluster, files exist without --force)'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'precheck',
    summary: 'Read-only infrastructure and compatibility checks.',
    flags: [config],
    exitCodes: [
      [0, 'All checks passed (warnings are OK)'],
      [1, 'One or more blockers detected'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'execute',
    summary: 'Run the migration from planned through drain_ready. Blocks until the data is caught up, then returns.',
    flags: [
      config,
      {
        name: 'migration-id',
        type: 'string',
        value: 'ID',
        description: 'Resume a specific migration. If omitted, a new migration starts.',
      },
      journalDir,
      {
        name: 'force-restart',
        type: 'boolean',
        default: false,
        description: 'Allow re-running seed after a partial run. Accepts risk of duplicate records on target.',
      },
    ],
    exitCodes: [
      [0, 'Migration reached drain_ready successfully'],
      [1, 'Migration failed (check logs and journal)'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'resume',
    summary: 'Resume an in-flight migration from its last journal entry.',
    flags: [config, { ...migrationIdRequired, description: 'ID of the migration to resume' }, journalDir],
    exitCodes: [
      [0, 'Migration advanced or reached a terminal state'],
      [1, 'Resume failed'],
      [2, 'Usage error'],
      [10, 'Migration is waiting on operator action (check stderr for next_command)'],
    ],
  },
  {
    name: 'status',
    summary: 'Show current state and live lag for a migration.',
    flags: [
      config,
      { ...migrationIdRequired, description: 'ID of the migration to query' },
      journalDir,
      {
        name: 'watch',
        type: 'boolean',
        default: false,
        description: 'Keep refreshing from the journal and live source offsets every 3 s until Ctrl-C',
      },
    ],
    exitCodes: [
      [0, 'Status printed'],
      [1, 'Status could not be read'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'cutover',
    summary:
      'Transition from drain_ready through producer freeze, sentinel publishing, offset translation, to awaiting_client_switch.',
    flags: [
      config,
      migrationIdRequired,
      journalDir,
      {
        name: 'rehearse',
        type: 'boolean',
        default: false,
        description: 'Show the exact steps, groups and offsets cutover would commit, from the journal and read-only reads; change nothing',
      },
    ],
    exitCodes: [
      [0, 'Cutover completed, ready for client switch'],
      [1, 'Cutover failed (producers are automatically unfrozen on failure)'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'cutover-ack',
    summary:
      'Acknowledge that clients have switched to the target cluster. Transitions from awaiting_client_switch to validating.',
    flags: [
      config,
      migrationIdRequired,
      journalDir,
      { name: 'by', type: 'string', value: 'NAME', description: 'Who acknowledges the client switch (default: the OS user)' },
    ],
    exitCodes: [
      [0, 'Acknowledgement recorded'],
      [1, 'Not in awaiting_client_switch, or the journal could not be written'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'rollback',
    summary: 'Abort the migration and mark it as rolled back. Only available before cutover completes.',
    flags: [config, migrationIdRequired, journalDir],
    exitCodes: [
      [0, 'Migration rolled back, report uploaded'],
      [1, 'Rollback not allowed from the current state, or failed'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'finalize',
    summary: 'Run the 5-check validation suite and produce the signed evidence bundle.',
    flags: [config, migrationIdRequired, journalDir],
    exitCodes: [
      [0, 'Validation passed, evidence bundle uploaded'],
      [1, 'Validation failed (review the validation report)'],
      [2, 'Usage error'],
    ],
  },
  {
    name: 'wizard',
    summary: 'Guided migration on a terminal: config, precheck, plan, execute, cutover, client switch, finalize (also: no subcommand on a TTY).',
    flags: [
      { ...config, required: false, description: 'Path to migration config YAML (default: choose one found here, or build one)' },
      { name: 'migration-id', type: 'string', value: 'ID', description: 'Continue this migration (default: choose from the journal, or start one)' },
      journalDir,
    ],
    exitCodes: [
      [0, 'The migration is finalized or rolled back, or the wizard was left (the journal keeps where it stands)'],
      [1, 'A step failed or the migration failed'],
      [2, 'Usage error, or no terminal (run the subcommands instead)'],
    ],
  },
  {
    name: 'evidence verify',
    summary: 'Check a signed evidence bundle offline: manifest signature, signing key, every part\'s hash.',
    positionals: [{ name: 'bundle', description: 'Path of evidence-bundle.json' }],
    flags: [
      {
        name: 'public-key',
        type: 'string',
        value: 'PEM',
        description: 'Path of your trusted copy of the signing public key (PEM); without it only self-consistency is checked',
      },
    ],
    exitCodes: [
      [0, 'Every check passed'],
      [1, 'A check failed (each failing line says what does not match), or the bundle could not be read'],
      [2, 'Usage error'],
    ],
  },
];

export function findSubcommand(name: string): SubcommandSpec | undefined {
  return SUBCOMMANDS.find((s) => s.name === name);
}
