import { GLOBAL_FLAGS, SUBCOMMANDS, type FlagSpec, type SubcommandSpec } from './cli-spec.js';

const BIN = 'kafka-backup';
const GROUP = `${BIN} migrate msk-kraft`;

function flagLabel(flag: FlagSpec): string {
  return flag.type === 'boolean' ? `--${flag.name}` : `--${flag.name} <${flag.value ?? 'VALUE'}>`;
}

function flagLines(flags: readonly FlagSpec[]): string[] {
  const width = Math.max(...flags.map((f) => flagLabel(f).length)) + 2;
  return flags.map((f) => {
    const notes: string[] = [];
    if (f.required) notes.push('required');
    if (f.default !== undefined && f.type === 'string') notes.push(`default: ${String(f.default)}`);
    const suffix = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    return `  ${flagLabel(f).padEnd(width)}${f.description}${suffix}`;
  });
}

function usageLine(spec: SubcommandSpec): string {
  const parts = spec.flags.map((f) => (f.required ? flagLabel(f) : `[${flagLabel(f)}]`));
  const positionals = (spec.positionals ?? []).map((p) => `<${p.name}>`);
  return `  $ ${GROUP} ${spec.name} ${[...positionals, ...parts].join(' ')}`;
}

export function subcommandHelp(spec: SubcommandSpec): string {
  const codeWidth = 4;
  return [
    spec.summary,
    '',
    'Usage',
    usageLine(spec),
    '',
    'Flags',
    ...flagLines(spec.flags),
    '',
    'Global flags',
    ...flagLines(GLOBAL_FLAGS),
    '',
    'Exit codes',
    ...spec.exitCodes.map(([code, meaning]) => `  ${String(code).padEnd(codeWidth)}${meaning}`),
    '',
  ].join('\n');
}

export function groupHelp(): string {
  const width = Math.max(...SUBCOMMANDS.map((s) => s.name.length)) + 2;
  return [
    'Migrate a ZooKeeper-mode Kafka (Amazon MSK) cluster to a new KRaft-mode cluster, with nothing lost.',
    '',
    'Usage',
    `  $ ${GROUP} <SUBCOMMAND> [OPTIONS]`,
    '',
    'Subcommands',
    ...SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)}${s.summary}`),
    '',
    'Global flags',
    ...flagLines(GLOBAL_FLAGS),
    '',
    'Typical order',
    '  plan -> precheck -> execute -> cutover -> cutover-ack -> finalize  (rollback before cutover completes)',
    '',
    `Run \`${GROUP} <SUBCOMMAND> --help\` for a subcommand's flags and exit codes.`,
    '',
  ].join('\n');
}

export function migrateHelp(): string {
  return [
    'Migrations between Kafka clusters.',
    '',
    'Usage',
    `  $ ${BIN} migrate <KIND> <SUBCOMMAND> [OPTIONS]`,
    '',
    'Kinds',
    '  msk-kraft  Move a ZooKeeper-mode cluster to a new KRaft-mode cluster',
    '',
    'Global flags',
    ...flagLines(GLOBAL_FLAGS),
    '',
  ].join('\n');
}

export function rootHelp(): string {
  return [
    `${BIN}: back up, restore and migrate Kafka clusters.`,
    '',
    'Usage',
    `  $ ${BIN} migrate msk-kraft <SUBCOMMAND> [OPTIONS]`,
    '',
    'Commands',
    '  migrate  Migrations between clusters (see `kafka-backup migrate --help`)',
    '',
    'Global flags',
    ...flagLines(GLOBAL_FLAGS),
    '  --version          Print the version',
    '',
  ].join('\n');
}
