import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ChoiceScreen } from '../../components/wizard/ChoiceScreen.js';
import { ConfigForm } from '../../components/wizard/ConfigForm.js';
import { ConfirmScreen } from '../../components/wizard/ConfirmScreen.js';
import { EndScreen } from '../../components/wizard/EndScreen.js';
import { PlanSummary } from '../../components/wizard/PlanSummary.js';
import { PrecheckFindings } from '../../components/wizard/PrecheckFindings.js';
import { StepBar } from '../../components/wizard/StepBar.js';
import { TaskScreen, type TaskOutcome } from '../../components/wizard/TaskScreen.js';
import type { MigrationPlan } from '../../engine/plan/index.js';
import { buildPrecheckReport } from '../../engine/precheck/finding.js';
import type { ConfigDraft } from '../../source/wizard/config-draft.js';
import { settle } from './fake-clock.js';
import { waitFor } from './fake-terminal.js';

afterEach(() => cleanup());

async function keys(stdin: { write(data: string): void }, ...presses: string[]): Promise<void> {
  for (const press of presses) {
    stdin.write(press);
    await settle(30);
  }
}

const widest = (frame: string | undefined) => Math.max(...(frame ?? '').split('\n').map((line) => [...line].length));

describe('StepBar', () => {
  it('marks the steps done, the current one and those to come; under 60 columns only the current step', () => {
    expect(render(<StepBar current="plan" width={120} color={false} />).lastFrame()).toContain('✓ config › ✓ precheck › ● plan › ○ execute › ○ cutover › ○ client switch › ○ finalize');
    expect(render(<StepBar current="cutover-ack" width={50} color={false} />).lastFrame()).toBe('wizard 6/7: client switch');
  });
});

describe('PrecheckFindings', () => {
  const report = buildPrecheckReport([
    { code: 'W10', severity: 'warning', subject: 'bootstrap:t:9092', detail: 'could not determine the target Kafka version', remedy: 'confirm the target runs Kafka 3.7 or later' },
    { code: 'B13', severity: 'blocker', subject: 'orders', detail: 'the target already holds records of orders', remedy: 'empty the topic on the target or leave it out' },
    { code: 'I04', severity: 'info', subject: 'bootstrap:s:9092', detail: 'in-place conversion not assessed', remedy: 'give source.cluster_arn' },
  ]);

  it('groups findings by severity, blockers first, each with its detail and remedy, and the summary last', () => {
    const frame = render(<PrecheckFindings report={report} color={false} />).lastFrame() ?? '';
    const order = ['Blockers (1)', 'B13', 'fix: empty the topic', 'Warnings (1)', 'W10', 'Info (1)', 'I04'].map((text) => frame.indexOf(text));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
    expect(frame.trim().split('\n').at(-1)).toMatch(/precheck FAILED: 1 blocker/i);
  });

  it('with NO_COLOR (color=false) there is no colour code', () => {
    expect(render(<PrecheckFindings report={report} color={false} />).lastFrame()).not.toMatch(/\u001B\[3\dm/);
  });
});

describe('PlanSummary', () => {
  it('shows what the plan moves, the time and cost, and the six files relative to the working folder', () => {
    const plan = {
      migrationId: 'mig-20260425-061500-ab12',
      totals: { topics: 5, topicsToCreate: 4, partitions: 30, recordsToCopy: 15_000, bytesKnown: 0, partitionsWithUnknownSize: 0, bytesEstimated: 3_500_000, estimatedSegments: 30, groups: 2, committedOffsets: 18, aclsToCreate: 3, estimatedSecondsToDrainReady: 95, findings: { blocker: 0, warning: 1, info: 1 } },
    } as unknown as MigrationPlan;
    const files = ['plan.json', 'runbook.md', 'aws-cli.sh', 'iam-policy-templated.json', 'iam-policy-concrete.json', 'cost-estimate.json'].map((f) => `/work/x/plan/${f}`);
    const frame = render(<PlanSummary plan={plan} costUsd={0.0123} files={files} cwd="/work/x" color={false} />).lastFrame() ?? '';
    expect(frame).toContain('partitions          30');
    expect(frame).toContain('consumer groups     2 (18 committed offsets)');
    expect(frame).toContain('estimated cost      $0.01');
    expect(frame).toContain('6 files written:');
    expect(frame).toContain('  plan/runbook.md');
  });
});

describe('ChoiceScreen, ConfirmScreen, EndScreen', () => {
  it('a choice screen shows the step bar, title, body and list, and reports the choice', async () => {
    let chosen: boolean | undefined;
    const { lastFrame, stdin } = render(
      <ChoiceScreen step="precheck" title="precheck passed" items={[{ label: 'continue: write the plan', value: true }, { label: 'leave the wizard', value: false }]} onChoose={(v) => (chosen = v)} width={100} color={false} />,
    );
    expect(lastFrame()).toContain('● precheck');
    expect(lastFrame()).toContain('❯ 1. continue: write the plan');
    await keys(stdin, '\u001b[B', '\r');
    expect(chosen).toBe(false);
  });

  it('a confirm screen lists what happens and takes y', async () => {
    let answer: boolean | undefined;
    const { lastFrame, stdin } = render(<ConfirmScreen step="cutover" title="cutover" lines={['sentinels on every partition']} question="Start the cutover now?" danger onAnswer={(yes) => (answer = yes)} width={100} color={false} />);
    expect(lastFrame()).toContain('  • sentinels on every partition');
    await keys(stdin, 'y');
    expect(answer).toBe(true);
  });

  it('the end screen says where the migration ended and reports itself shown', async () => {
    let shown = 0;
    const frame = render(<EndScreen migrationId="mig-1" state="finalized" onShown={() => (shown += 1)} width={100} color={false} />).lastFrame();
    expect(frame).toContain('mig-1 is finalized');
    await settle();
    expect(shown).toBe(1);
  });
});

describe('TaskScreen', () => {
  it('shows the progress under a spinner and reports the value, or the error', async () => {
    const outcomes: Array<TaskOutcome<number>> = [];
    let finish: (n: number) => void = () => undefined;
    const { lastFrame } = render(
      <TaskScreen<number>
        step="precheck"
        title="precheck: reading both clusters"
        task={(progress) => {
          progress('source: 12 topics');
          return new Promise<number>((resolve) => (finish = resolve));
        }}
        onDone={(outcome) => outcomes.push(outcome)}
        width={100}
        color={false}
      />,
    );
    await settle();
    expect(lastFrame()).toMatch(/precheck: reading both clusters \(\ds\): source: 12 topics/);
    finish(7);
    await waitFor(() => outcomes.length > 0, 2000);
    expect(outcomes).toEqual([{ ok: true, value: 7 }]);
    const failed: Array<TaskOutcome<number>> = [];
    render(<TaskScreen<number> step="plan" title="plan" task={() => Promise.reject(new Error('files exist'))} onDone={(o) => failed.push(o)} width={100} color={false} />);
    await waitFor(() => failed.length > 0, 2000);
    expect(failed[0]?.ok).toBe(false);
  });
});

describe('ConfigForm', () => {
  it('asks question by question, checks each answer with the engine as typed (naming the key), skips what does not apply, and refuses an existing file', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'kb-form-'));
    writeFileSync(path.join(cwd, 'migration.yaml'), 'taken\n');
    let result: { draft: ConfigDraft; file: string } | undefined;
    const { lastFrame, stdin } = render(<ConfigForm env={{}} cwd={cwd} color={false} onDone={(draft, file) => (result = { draft, file })} />);
    await settle();
    expect(lastFrame()).toContain('(1/');
    await keys(stdin, 'arn:aws:kafka:nope');
    expect(lastFrame()).toContain('✗ source.cluster_arn: got "arn:aws:kafka:nope"; expected an MSK cluster ARN');
    for (let i = 0; i < 'arn:aws:kafka:nope'.length; i += 1) await keys(stdin, '\u007f');
    await keys(stdin, '10.0.0.1:9092', '\r');
    // Each answer once its question is on screen (keys typed ahead of a frame would reach the previous question).
    const answer = async (question: string, ...presses: string[]) => {
      await waitFor(() => lastFrame()!.includes(question), 3000);
      await settle(60); // a new question listens from the effect after its first frame
      await keys(stdin, ...presses);
    };
    await answer('Source cluster (ZooKeeper mode): how the tool signs in', '4', '\r'); // plaintext: no SCRAM names, no TLS questions
    await answer('Target cluster (KRaft mode): MSK cluster ARN, or bootstrap servers', '10.0.0.2:9092', '\r');
    await answer('Target cluster (KRaft mode): how the tool signs in', '4', '\r');
    await answer('Topics to migrate', 'orders,payments', '\r');
    await answer('Consumer groups whose offsets move', '\r');
    await answer('AWS region', '\r');
    await answer('S3 and KMS endpoint', '\r');
    await answer('Backup bucket', 'my-backup', '\r');
    await answer('KMS key ARN', '\r');
    await answer('Evidence bucket', 'my-evidence', '\r');
    await answer('Write the config to', '\r');
    await waitFor(() => lastFrame()!.includes('exists'), 3000);
    expect(lastFrame()).toContain('migration.yaml exists: give another name');
    expect(result).toBeUndefined();
    await keys(stdin, 'other.yaml', '\r');
    await waitFor(() => result !== undefined, 3000);
    expect(result?.file).toBe(path.join(cwd, 'other.yaml'));
    expect(result?.draft.topics).toBe('orders,payments');
    expect(result?.draft.source.authMode).toBe('plaintext');
    expect(lastFrame()).toContain('✓ topics: orders,payments');
  });

  it('Esc goes back one question; SCRAM asks for the names; fits 60 columns', async () => {
    const { lastFrame, stdin } = render(<ConfigForm env={{}} cwd={tmpdir()} color={false} onDone={() => undefined} />);
    await keys(stdin, '10.0.0.1:9092', '\r');
    await waitFor(() => lastFrame()!.includes('how the tool signs in'), 3000);
    await settle(60);
    await keys(stdin, '2', '\r'); // scram-sha-512
    await waitFor(() => lastFrame()!.includes('SCRAM user name'), 3000);
    await settle(60);
    await keys(stdin, '\u001b');
    await waitFor(() => lastFrame()!.includes('how the tool signs in'), 2000);
    expect(lastFrame()).toContain('(2/');
    expect(lastFrame()).toContain('Source cluster (ZooKeeper mode): how the tool signs in');
    const narrow = render(<ConfigForm env={{}} cwd={tmpdir()} color={false} onDone={() => undefined} />);
    expect(widest(narrow.lastFrame())).toBeLessThanOrEqual(100);
  });
});
