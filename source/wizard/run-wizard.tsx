/**
 * The wizard: config -> precheck -> plan -> execute -> cutover -> client switch -> finalize, as a series of Ink
 * screens with the real commands run in between (execute shows its dashboard, cutover its prompts). It keeps no
 * state of its own: where a migration stands comes from its journal, and what may come next from the state machine,
 * so leaving and re-running the wizard picks up where the migration is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { MigrationError } from '../../engine/errors.js';
import { generateMigrationId } from '../../engine/plan/index.js';
import { isTerminalState, type MigrationCommand } from '../../engine/state/index.js';
import { ChoiceScreen } from '../../components/wizard/ChoiceScreen.js';
import { ConfigForm } from '../../components/wizard/ConfigForm.js';
import { ConfirmScreen } from '../../components/wizard/ConfirmScreen.js';
import { EndScreen } from '../../components/wizard/EndScreen.js';
import { PlanSummary } from '../../components/wizard/PlanSummary.js';
import { PrecheckFindings } from '../../components/wizard/PrecheckFindings.js';
import { TaskScreen, type TaskOutcome } from '../../components/wizard/TaskScreen.js';
import { WizardFrame } from '../../components/wizard/WizardFrame.js';
import { findSubcommand } from '../cli-spec.js';
import type { CommandContext } from '../commands/context.js';
import { s3ClientFor } from '../commands/execute-run.js';
import { reportError } from '../report-error.js';
import { draftToYaml } from './config-draft.js';
import { findConfigs } from './find-configs.js';
import { listMigrations, migrationState, type JournalPlace } from './migrations.js';
import { runPrecheck, writePlan, type PlanResult, type PrecheckResult } from './read-only-steps.js';
import { showScreen } from './screen.js';
import { choicesIn, COMMAND_PURPOSE, stepOfCommand } from './steps.js';
import { cutoverLines, rollbackLines } from './what-happens.js';

/** The wizard was left (Ctrl-C or "leave"): nothing more runs; the journal keeps where the migration stands. */
const LEFT = 0;

export async function runWizard(context: CommandContext): Promise<number> {
  const { io } = context;
  if (!context.interactive || context.json) {
    throw new MigrationError({
      code: 'USAGE',
      exitCode: 2,
      message: 'the wizard needs a terminal (stdin and stdout a TTY, CI unset, no --non-interactive or --json); nothing was read or changed',
      hint: 'Run the steps as subcommands instead: precheck, plan, execute, resume, status, cutover, cutover-ack, finalize, rollback (kafka-backup migrate msk-kraft <step> --help).',
    });
  }
  const configPath = await chooseConfig(context);
  if (configPath === undefined) return left(context);
  const config = await loadConfig(configPath, io.env);
  const journalDir = await chooseJournal(context, configPath);
  if (journalDir === null) return left(context);
  const s3 = journalDir === undefined ? s3ClientFor(context, config) : undefined;
  try {
    const place: JournalPlace = { journalDir, config, s3 };
    const flagId = context.flags['migration-id'];
    let migrationId = typeof flagId === 'string' ? flagId : await chooseMigration(context, place);
    if (migrationId === null) return left(context);
    if (migrationId === undefined) {
      migrationId = await startNew(context, config, configPath, journalDir);
      if (migrationId === undefined) return left(context);
    }
    return await continueMigration(context, place, configPath, migrationId);
  } finally {
    s3?.destroy();
  }
}

function left(context: CommandContext): number {
  context.io.stdout.write('left the wizard; run it again to continue where the migration stands\n');
  return LEFT;
}

const relative = (context: CommandContext, file: string): string => path.relative(context.io.cwd, file) || file;

/** --config, else a file found here, else one built through the prompts and written to disk. */
async function chooseConfig(context: CommandContext): Promise<string | undefined> {
  const { io } = context;
  const flag = context.flags['config'];
  if (typeof flag === 'string') return path.resolve(io.cwd, flag);
  for (;;) {
    const found = await findConfigs(io.cwd, io.env);
    const choice = await showScreen<string>(io, ({ done, width, color }) => (
      <ChoiceScreen
        step="config"
        title={found.length === 0 ? `No migration config in ${io.cwd}: build one` : `Migration config (found in ${io.cwd})`}
        items={[
          ...found.map((c) => ({ label: relative(context, c.file), value: c.file, hint: c.valid ? c.summary : `not valid: ${c.summary}` })),
          { label: 'build a new config through prompts', value: '' },
        ]}
        onChoose={done}
        width={width}
        color={color}
      />
    ));
    if (choice === undefined) return undefined;
    if (choice !== '') {
      const valid = found.find((c) => c.file === choice)?.valid === true;
      if (valid) return choice;
      await loadConfig(choice, io.env).catch((error: unknown) => reportError(error, io, false));
      continue;
    }
    const built = await showScreen<{ yaml: string; file: string } | null>(io, ({ done, width, color }) => (
      <WizardFrame step="config" title="A new migration config (Esc goes back a question)" width={width} color={color}>
        <ConfigForm env={io.env} cwd={io.cwd} color={color} onDone={(draft, file) => done({ yaml: draftToYaml(draft), file })} onCancel={() => done(null)} />
      </WizardFrame>
    ));
    if (built === undefined) return undefined;
    if (built === null) continue;
    mkdirSync(path.dirname(built.file), { recursive: true });
    writeFileSync(built.file, built.yaml, { flag: 'wx' });
    io.stdout.write(`wrote ${relative(context, built.file)}\n`);
    return built.file;
  }
}

/** --journal-dir, else a local folder beside the config or the backup bucket; null when left. */
async function chooseJournal(context: CommandContext, configPath: string): Promise<string | undefined | null> {
  const flag = context.flags['journal-dir'];
  if (typeof flag === 'string') return path.resolve(context.io.cwd, flag);
  const local = path.join(path.dirname(configPath), 'journal');
  const choice = await showScreen<'local' | 's3'>(context.io, ({ done, width, color }) => (
    <ChoiceScreen
      step="config"
      title="Where the migration's journal lives (every step is recorded there; re-run the wizard to continue from it)"
      items={[
        { label: `a local folder: ${relative(context, local)}`, value: 'local', hint: 'for a run from this machine' },
        { label: 'the backup bucket (S3)', value: 's3', hint: 'any machine with the config can continue the migration' },
      ]}
      onChoose={done}
      width={width}
      color={color}
    />
  ));
  return choice === undefined ? null : choice === 'local' ? local : undefined;
}

/** An existing migration's id, undefined for a new one, null when left. */
async function chooseMigration(context: CommandContext, place: JournalPlace): Promise<string | undefined | null> {
  const known = await listMigrations(place);
  if (known.length === 0) return undefined;
  const choice = await showScreen<string>(context.io, ({ done, width, color }) => (
    <ChoiceScreen
      step="config"
      title="Migrations in this journal: continue one, or start a new one"
      items={[
        ...known.map((m) => ({
          label: `${m.migrationId}  ${m.state?.state ?? 'unreadable'}`,
          value: m.migrationId,
          hint: m.state === null ? (m.problem ?? '') : `since ${m.state.since}${m.state.failureReason ? `: ${m.state.failureReason}` : ''}`,
        })),
        { label: 'start a new migration', value: '' },
      ]}
      onChoose={done}
      width={width}
      color={color}
    />
  ));
  return choice === undefined ? null : choice === '' ? undefined : choice;
}

/** Precheck, plan, then `execute` with the plan's id; the new id, or undefined when left or stopped by blockers. */
async function startNew(context: CommandContext, config: MigrationConfig, configPath: string, journalDir: string | undefined): Promise<string | undefined> {
  const { io } = context;
  const checked = await showScreen<TaskOutcome<PrecheckResult>>(io, ({ done, width, color }) => (
    <TaskScreen step="precheck" title="precheck: reading both clusters and the buckets (read-only)" task={(progress) => runPrecheck(config, io.env, progress)} onDone={done} width={width} color={color} />
  ));
  if (checked === undefined) return undefined;
  if (!checked.ok) throw checked.error;
  const { report, inventory } = checked.value;
  const goOn = await showScreen<boolean>(io, ({ done, width, color }) => (
    <ChoiceScreen
      step="precheck"
      title={report.passed ? 'precheck passed' : 'precheck found blockers: they stop the way until fixed'}
      body={<PrecheckFindings report={report} color={color} />}
      items={report.passed ? [{ label: 'continue: write the plan', value: true }, { label: 'leave the wizard', value: false }] : [{ label: 'leave the wizard (fix the blockers, then run it again)', value: false }]}
      onChoose={done}
      width={width}
      color={color}
    />
  ));
  if (goOn !== true) return undefined;

  const migrationId = generateMigrationId(new Date(), Math.random);
  const outDir = path.join(path.dirname(configPath), 'plan', migrationId);
  const planned = await showScreen<TaskOutcome<PlanResult>>(io, ({ done, width, color }) => (
    <TaskScreen step="plan" title={`plan: writing the six files to ${relative(context, outDir)}`} task={() => writePlan(inventory, config, { migrationId, configPath, outDir })} onDone={done} width={width} color={color} />
  ));
  if (planned === undefined) return undefined;
  if (!planned.ok) throw planned.error;
  const start = await showScreen<boolean>(io, ({ done, width, color }) => (
    <ChoiceScreen
      step="plan"
      title={`plan for ${migrationId}`}
      body={<PlanSummary plan={planned.value.plan} costUsd={planned.value.costUsd} files={planned.value.files} cwd={io.cwd} color={color} />}
      items={[
        { label: 'execute: copy topics, configs, ACLs and data until the target is caught up (drain_ready)', value: true },
        { label: 'leave the wizard (the plan stays; nothing was changed on either cluster)', value: false },
      ]}
      onChoose={done}
      width={width}
      color={color}
    />
  ));
  if (start !== true) return undefined;
  await runCommand(context, 'execute', configPath, migrationId, journalDir);
  return migrationId;
}

/** From the journal's state: offer the next command (and rollback where allowed), run it, look again. */
async function continueMigration(context: CommandContext, place: JournalPlace, configPath: string, migrationId: string): Promise<number> {
  const { io } = context;
  let lastCode = 0;
  for (;;) {
    const info = await migrationState(place, migrationId);
    const { forward, rollback } = choicesIn(info.state, info.context);
    if (isTerminalState(info.state) || (forward === null && !rollback)) {
      await showScreen<null>(io, ({ done, width, color }) => (
        <EndScreen migrationId={migrationId} state={info.state} reason={info.failureReason} onShown={() => done(null)} width={width} color={color} />
      ));
      return info.state === 'finalized' || info.state === 'rolled_back' ? 0 : 1;
    }
    type Choice = MigrationCommand | 'leave';
    const choice = await showScreen<Choice>(io, ({ done, width, color }) => (
      <ChoiceScreen<Choice>
        step={forward === null ? 'execute' : stepOfCommand(forward, info.state)}
        title={`${migrationId} is in ${info.state} (since ${info.since})${lastCode === 0 ? '' : `; the last step ended with exit ${lastCode}`}`}
        items={[
          ...(forward === null ? [] : [{ label: `${forward}: ${COMMAND_PURPOSE[forward]}`, value: forward }]),
          ...(rollback ? [{ label: `rollback: ${COMMAND_PURPOSE.rollback}`, value: 'rollback' as const }] : []),
          { label: 'leave the wizard (run it again to continue here)', value: 'leave' as const },
        ]}
        onChoose={done}
        width={width}
        color={color}
      />
    ));
    if (choice === undefined || choice === 'leave') return left(context);
    if (!(await confirmStep(context, choice, place.config))) continue;
    lastCode = await runCommand(context, choice, configPath, migrationId, place.journalDir);
  }
}

/** Cutover, client switch and rollback say what they do and ask first; the others just run. */
async function confirmStep(context: CommandContext, command: MigrationCommand, config: MigrationConfig): Promise<boolean> {
  const ask = (title: string, lines: readonly string[], question: string, danger: boolean) =>
    showScreen<boolean>(context.io, ({ done, width, color }) => (
      <ConfirmScreen step={stepOfCommand(command, 'drain_ready')} title={title} lines={lines} question={question} danger={danger} onAnswer={done} width={width} color={color} />
    ));
  switch (command) {
    case 'cutover':
      return (await ask('cutover', cutoverLines(config), 'Start the cutover now?', true)) === true;
    case 'cutover-ack':
      return (await ask('client switch', [
        'every producer and consumer in scope now uses the target cluster',
        'the migration moves to validating; finalize checks the data next',
      ], 'Have all clients switched to the target?', true)) === true;
    case 'rollback':
      return (await ask('rollback', rollbackLines(), 'Roll the migration back?', true)) === true;
    default:
      return true;
  }
}

/** Runs a subcommand as the command line would (its own dashboard or prompts on this terminal); its exit code. */
async function runCommand(context: CommandContext, name: MigrationCommand, configPath: string, migrationId: string, journalDir: string | undefined): Promise<number> {
  const { io } = context;
  const { handlerFor } = await import('../commands/index.js');
  const spec = findSubcommand(name);
  if (spec === undefined) throw new MigrationError({ code: 'INTERNAL', message: `no subcommand ${name}` });
  const flags: Record<string, string | boolean | undefined> = { config: relative(context, configPath), 'migration-id': migrationId };
  if (journalDir !== undefined) flags['journal-dir'] = relative(context, journalDir);
  const line = `kafka-backup migrate msk-kraft ${name} ${Object.entries(flags).map(([flag, value]) => `--${flag} ${String(value)}`).join(' ')}`;
  io.stdout.write(`\n$ ${line}\n`);
  try {
    const command = { ...context, name, spec, flags, positionals: [] };
    return await handlerFor(name)(command);
  } catch (error) {
    return reportError(error, io, false);
  }
}
