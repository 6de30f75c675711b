import meow from 'meow';
import { GLOBAL_FLAGS, SUBCOMMANDS, findSubcommand, type FlagSpec, type SubcommandSpec } from './cli-spec.js';
import { groupHelp, migrateHelp, rootHelp, subcommandHelp } from './help.js';

export interface GlobalOptions {
  nonInteractive: boolean;
  json: boolean;
}

export type ParsedArgs =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; usage: string }
  | { kind: 'no-subcommand'; global: GlobalOptions; usage: string }
  | {
      kind: 'command';
      name: string;
      spec: SubcommandSpec;
      flags: Record<string, string | boolean | undefined>;
      positionals: string[];
      global: GlobalOptions;
    };

const MIGRATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const ALL_FLAGS: ReadonlyMap<string, FlagSpec> = new Map(
  [...GLOBAL_FLAGS, ...SUBCOMMANDS.flatMap((s) => s.flags)].map((f) => [f.name, f]),
);

interface Scan {
  positionals: string[];
  used: Array<{ name: string; token: string }>;
  error?: string;
}

/** Walks argv once: which flags were named (so unknown ones are caught) and which words are positional. */
function scan(argv: readonly string[]): Scan {
  const result: Scan = { positionals: [], used: [] };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') {
      result.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      result.used.push({ name: 'help', token });
      continue;
    }
    if (!token.startsWith('-') || token === '-') {
      result.positionals.push(token);
      continue;
    }
    if (!token.startsWith('--')) {
      result.error ??= `Unknown flag ${token}`;
      continue;
    }
    const [rawName, inlineValue] = splitFlag(token.slice(2));
    const name = rawName.startsWith('no-') && !ALL_FLAGS.has(rawName) ? rawName.slice(3) : rawName;
    if (name === 'version') {
      result.used.push({ name, token });
      continue;
    }
    const spec = ALL_FLAGS.get(name);
    if (spec === undefined) {
      result.error ??= `Unknown flag --${rawName}`;
      continue;
    }
    result.used.push({ name, token });
    if (spec.type === 'string' && inlineValue === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        result.error ??= `Flag --${name} needs a value <${spec.value ?? 'VALUE'}>`;
      } else {
        i++;
      }
    }
  }
  return result;
}

function splitFlag(body: string): [string, string | undefined] {
  const eq = body.indexOf('=');
  return eq === -1 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}

type MeowFlag = { type: 'string'; default?: string } | { type: 'boolean'; default?: boolean };

function meowFlags(flags: readonly FlagSpec[]): Record<string, MeowFlag> {
  const out: Record<string, MeowFlag> = {};
  for (const f of flags) {
    out[camel(f.name)] =
      f.type === 'boolean'
        ? { type: 'boolean', default: f.default === true }
        : f.default === undefined
          ? { type: 'string' }
          : { type: 'string', default: String(f.default) };
  }
  return out;
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function usageError(message: string, usage: string): ParsedArgs {
  return { kind: 'usage-error', message, usage };
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const scanned = scan(argv);
  const wantsHelp = scanned.used.some((u) => u.name === 'help');
  const [group, kind, first, ...afterFirst] = scanned.positionals;
  // A two-word subcommand (`evidence verify`) takes the next word into its name.
  const twoWord = first !== undefined && afterFirst[0] !== undefined && findSubcommand(`${first} ${afterFirst[0]}`) !== undefined;
  const sub = twoWord ? `${first} ${afterFirst[0]}` : first;
  const rest = twoWord ? afterFirst.slice(1) : afterFirst;

  if (group === undefined) {
    if (wantsHelp) return { kind: 'help', text: rootHelp() };
    if (scanned.used.some((u) => u.name === 'version')) return { kind: 'version' };
    return usageError(scanned.error ?? 'Missing command: migrate', rootHelp());
  }
  if (group !== 'migrate') return usageError(`Unknown command: ${group}`, rootHelp());
  if (kind === undefined) {
    return wantsHelp ? { kind: 'help', text: migrateHelp() } : usageError('Missing migration kind: msk-kraft', migrateHelp());
  }
  if (kind !== 'msk-kraft') return usageError(`Unknown migration kind: ${kind} (known: msk-kraft)`, migrateHelp());

  const spec = sub === undefined ? undefined : findSubcommand(sub);
  if (sub !== undefined && spec === undefined) {
    const longer = SUBCOMMANDS.filter((s) => s.name.startsWith(`${sub} `)).map((s) => s.name);
    const hint = longer.length > 0 ? ` (did you mean: ${longer.join(', ')}?)` : '';
    return usageError(`Unknown subcommand: ${sub}${hint}`, groupHelp());
  }
  if (spec === undefined) {
    if (wantsHelp) return { kind: 'help', text: groupHelp() };
    if (scanned.error) return usageError(scanned.error, groupHelp());
    const allowed = new Set(GLOBAL_FLAGS.map((f) => f.name));
    const stray = scanned.used.find((u) => !allowed.has(u.name));
    if (stray) return usageError(`Flag --${stray.name} needs a subcommand`, groupHelp());
    return { kind: 'no-subcommand', global: globalOptions(argv), usage: groupHelp() };
  }

  const usage = subcommandHelp(spec);
  if (wantsHelp) return { kind: 'help', text: usage };
  if (scanned.error) return usageError(`${scanned.error} for \`${spec.name}\``, usage);
  const allowed = new Set([...spec.flags, ...GLOBAL_FLAGS].map((f) => f.name));
  const foreign = scanned.used.find((u) => !allowed.has(u.name));
  if (foreign) return usageError(`Unknown flag --${foreign.name} for \`${spec.name}\``, usage);
  const repeated = scanned.used.find((u, i) => scanned.used.findIndex((v) => v.name === u.name) !== i);
  if (repeated) return usageError(`Flag --${repeated.name} was given more than once`, usage);
  const expected = spec.positionals?.length ?? 0;
  if (rest.length > expected) return usageError(`Unexpected argument: ${rest[expected]}`, usage);
  if (rest.length < expected) return usageError(`Missing argument <${spec.positionals?.[rest.length]?.name}>`, usage);

  const parsed = meow({
    importMeta: import.meta,
    argv: [...argv],
    flags: meowFlags([...spec.flags, ...GLOBAL_FLAGS]),
    allowUnknownFlags: true,
    autoHelp: false,
    autoVersion: false,
    help: usage,
  });
  const flags: Record<string, string | boolean | undefined> = {};
  for (const f of spec.flags) {
    flags[f.name] = (parsed.flags as Record<string, unknown>)[camel(f.name)] as string | boolean | undefined;
  }

  const problem = validateFlags(spec, flags);
  if (problem) return usageError(problem, usage);
  const globals = parsed.flags as Record<string, unknown>;
  return {
    kind: 'command',
    name: spec.name,
    spec,
    flags,
    positionals: rest,
    global: { nonInteractive: globals['nonInteractive'] === true, json: globals['json'] === true },
  };
}

function validateFlags(spec: SubcommandSpec, flags: Record<string, string | boolean | undefined>): string | undefined {
  const missing = spec.flags.filter((f) => f.required && (flags[f.name] === undefined || flags[f.name] === ''));
  if (missing.length > 0) {
    return `Missing required flag${missing.length > 1 ? 's' : ''}: ${missing.map((f) => `--${f.name}`).join(', ')}`;
  }
  for (const f of spec.flags) {
    const value = flags[f.name];
    if (f.choices && typeof value === 'string' && !f.choices.includes(value)) {
      return `Invalid value for --${f.name}: "${value}" (expected one of: ${f.choices.join(', ')})`;
    }
    if (f.type === 'string' && value === '') return `Flag --${f.name} needs a value <${f.value ?? 'VALUE'}>`;
  }
  const id = flags['migration-id'];
  if (typeof id === 'string' && !MIGRATION_ID.test(id)) {
    return `Invalid value for --migration-id: "${id}" (letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters)`;
  }
  if (flags['format'] === 'all' && flags['out-dir'] === undefined) {
    return 'Flag --out-dir is required with --format all';
  }
  return undefined;
}

function globalOptions(argv: readonly string[]): GlobalOptions {
  const has = (name: string) => argv.includes(`--${name}`) || argv.includes(`--${name}=true`);
  return { nonInteractive: has('non-interactive'), json: has('json') };
}
