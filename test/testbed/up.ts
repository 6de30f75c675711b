/**
 * `up`: resolve what is missing (Maven, pip, certificates), start every part that does not run yet, wait until each
 * answers, then (re)write `.testbed/env`, the migration configs and the fake MSK's cluster list.
 */
import { ensureAwsResources } from './aws-resources.js';
import { ensureCerts } from './certs.js';
import { writeEnvFile, type TestbedEnv } from './env-file.js';
import {
  fakeMskAvailable,
  MSK_ENDPOINT,
  SOURCE_CLUSTER_ARN,
  startFakeMsk,
  TARGET_CLUSTER_ARN,
  waitForFakeMsk,
  writeFakeMskConfig,
  AWS_REGION,
} from './fake-msk.js';
import { assertJava17 } from './java.js';
import { withLock } from './lock.js';
import { ensureKafkaLibs } from './maven.js';
import { writeMigrationConfigs } from './migration-config.js';
import { ensureMotoVenv, MOTO_ENDPOINT, startMoto, waitForMoto } from './moto.js';
import { ENV_FILE, FAKE_MSK_MAIN, MIGRATION_BOOTSTRAP_CONFIG_FILE, MIGRATION_CONFIG_FILE } from './paths.js';
import { ALL_PARTS, PARTS, SOURCE_PARTS, TARGET_PARTS, type PartName } from './parts.js';
import { assertPortsFree } from './ports.js';
import { runningPid, startedByThisProcess, stopPart } from './processes.js';
import { say } from './say.js';
import { SOURCE_BOOTSTRAP, SOURCE_SCRAM_BOOTSTRAP, startSource, waitForSource } from './source-cluster.js';
import { loadState, newState, type BedState } from './state.js';
import { startTarget, TARGET_BOOTSTRAP, TARGET_SCRAM_TLS_BOOTSTRAP, waitForTarget } from './target-cluster.js';

const KAFKA_READY_TIMEOUT_MS = 300_000;
const AWS_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export interface UpResult {
  /** True when every part already ran before this `up`. */
  alreadyUp: boolean;
  started: PartName[];
  env: TestbedEnv;
}

/** The parts a complete bed has now: the fake MSK only once its program exists. */
export function wantedParts(): PartName[] {
  return ALL_PARTS.filter((name) => name !== 'fake-msk' || fakeMskAvailable());
}

function stateForThisRun(): BedState {
  const kafkaRunning = [...SOURCE_PARTS, ...TARGET_PARTS].filter((name) => runningPid(name) !== undefined);
  const state = loadState();
  if (kafkaRunning.length === 0) return newState();
  if (state === undefined) {
    throw new Error(
      `${kafkaRunning.join(', ')} run(s) but .testbed/state.json is gone, so their SCRAM password is unknown; ` +
        'run `npm run testbed -- down` and then `up`',
    );
  }
  return state;
}

/** Runs the two start sequences side by side; fails with the first error once both have settled. */
async function both(first: Promise<void>, second: Promise<void>): Promise<void> {
  const results = await Promise.allSettled([first, second]);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

async function bringUp(): Promise<UpResult> {
  const runningBefore = wantedParts().filter((name) => runningPid(name) !== undefined);
  const alreadyUp = runningBefore.length === wantedParts().length;
  if (alreadyUp) say('every part already runs; checking that each answers and rewriting the env files');
  // Every port of every part still to start must be free before anything starts.
  await assertPortsFree(
    wantedParts()
      .filter((name) => runningPid(name) === undefined)
      .flatMap((name) => PARTS[name].ports),
  );
  const state = stateForThisRun();
  writeFakeMskConfig();

  const [sourceLibs, targetLibs, , certs] = await Promise.all([
    assertJava17().then(() => ensureKafkaLibs('source')),
    ensureKafkaLibs('target'),
    ensureMotoVenv(),
    ensureCerts(),
  ]);

  if (runningPid('moto') === undefined) {
    await assertPortsFree(PARTS.moto.ports);
    startMoto();
  }
  if (fakeMskAvailable() && runningPid('fake-msk') === undefined) {
    await assertPortsFree(PARTS['fake-msk'].ports);
    startFakeMsk();
  } else if (!fakeMskAvailable()) {
    say(`fake MSK: ${FAKE_MSK_MAIN} does not exist yet; not started (MSK_ENDPOINT will not answer)`);
  }

  await both(
    (async () => {
      await startSource(sourceLibs, state);
      await waitForSource(state, KAFKA_READY_TIMEOUT_MS);
    })(),
    (async () => {
      await startTarget(targetLibs, state, certs);
      await waitForTarget(targetLibs, state, certs, KAFKA_READY_TIMEOUT_MS);
    })(),
  );

  await waitForMoto(60_000);
  const aws = { endpoint: MOTO_ENDPOINT, region: AWS_REGION, ...AWS_CREDENTIALS };
  const resources = await ensureAwsResources(aws);
  say(`moto: buckets ${resources.backupBucket}, ${resources.evidenceBucket} (Object Lock) and a KMS key at ${MOTO_ENDPOINT}`);
  if (fakeMskAvailable()) {
    await waitForFakeMsk(60_000);
    say(`fake MSK: answers on ${MSK_ENDPOINT}`);
  }

  const env: TestbedEnv = {
    SOURCE_BOOTSTRAP,
    SOURCE_SCRAM_BOOTSTRAP,
    TARGET_BOOTSTRAP,
    TARGET_SCRAM_TLS_BOOTSTRAP,
    SCRAM_USERNAME: state.scramUsername,
    SCRAM_PASSWORD: state.scramPassword,
    TARGET_CA_FILE: certs.caFile,
    S3_ENDPOINT: MOTO_ENDPOINT,
    MSK_ENDPOINT,
    KMS_ENDPOINT: MOTO_ENDPOINT,
    KMS_KEY_ARN: resources.kmsKeyArn,
    AWS_REGION,
    AWS_ACCESS_KEY_ID: AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_CREDENTIALS.secretAccessKey,
    SOURCE_CLUSTER_ARN,
    TARGET_CLUSTER_ARN,
    BACKUP_BUCKET: resources.backupBucket,
    EVIDENCE_BUCKET: resources.evidenceBucket,
    KAFKA_SOURCE_LIBS: sourceLibs.libsDir,
    KAFKA_TARGET_LIBS: targetLibs.libsDir,
  };
  writeEnvFile(env);
  writeMigrationConfigs(env);
  say(`wrote ${ENV_FILE}, ${MIGRATION_CONFIG_FILE} and ${MIGRATION_BOOTSTRAP_CONFIG_FILE}`);
  return { alreadyUp, started: [...startedByThisProcess], env };
}

export async function up(options: { keepOnFailure?: boolean } = {}): Promise<UpResult> {
  return withLock('up', async () => {
    try {
      const result = await bringUp();
      say(result.alreadyUp ? 'the test bed was already up' : `the test bed is up (started: ${result.started.join(', ')})`);
      return result;
    } catch (error) {
      if (!options.keepOnFailure && startedByThisProcess.size > 0) {
        const started = [...startedByThisProcess].reverse();
        say(`up failed; stopping what this run started: ${started.join(', ')} (logs stay in .testbed/logs)`);
        for (const name of started) await stopPart(name, 15_000);
      }
      throw error;
    }
  });
}
