/**
 * `down`: stop every part by its pid (SIGTERM, SIGKILL after a grace period), remove the data directories, the
 * state and the env file, and check that none of the bed's ports still listens. Logs, certificates and the
 * downloads in `.cache/` stay.
 */
import { rmSync } from 'node:fs';
import { withLock } from './lock.js';
import { DATA_DIR, ENV_FILE, PIDS_DIR, STARTED_BY_TEST_RUN, USERS_DIR } from './paths.js';
import { allPorts, type PartName } from './parts.js';
import { describeListener, listeningPorts } from './ports.js';
import { sleep, stopPart, type StopOutcome } from './processes.js';
import { say } from './say.js';
import { removeState } from './state.js';

/** Stopped one group after the other: brokers before the ZooKeeper they need to shut down cleanly. */
const STOP_ORDER: { parts: PartName[]; graceMs: number }[] = [
  { parts: ['fake-msk', 'moto'], graceMs: 5_000 },
  { parts: ['target-node-1', 'target-node-2'], graceMs: 20_000 },
  { parts: ['source-broker-1', 'source-broker-2'], graceMs: 30_000 },
  { parts: ['zookeeper'], graceMs: 10_000 },
];

export async function down(): Promise<void> {
  await withLock('down', async () => {
    for (const group of STOP_ORDER) {
      const outcomes = await Promise.all(group.parts.map((name) => stopPart(name, group.graceMs)));
      group.parts.forEach((name, index) => {
        const outcome: StopOutcome | undefined = outcomes[index];
        if (outcome === 'stopped') say(`${name}: stopped`);
        if (outcome === 'killed') say(`${name}: did not stop within ${group.graceMs / 1000} s; killed`);
      });
    }
    rmSync(DATA_DIR, { recursive: true, force: true });
    rmSync(PIDS_DIR, { recursive: true, force: true });
    rmSync(ENV_FILE, { force: true });
    rmSync(STARTED_BY_TEST_RUN, { force: true });
    rmSync(USERS_DIR, { recursive: true, force: true });
    removeState();

    let still = await listeningPorts(allPorts());
    for (let attempt = 0; still.length > 0 && attempt < 20; attempt += 1) {
      await sleep(500);
      still = await listeningPorts(allPorts());
    }
    if (still.length > 0) {
      const holders = await Promise.all(still.map(async (port) => `${port} ${await describeListener(port)}`.trim()));
      throw new Error(
        `the test bed is stopped but these ports still listen (not started by this bed, or lost their pid file): ${holders.join('; ')}`,
      );
    }
    say('the test bed is down; none of its ports listens');
  });
}
