/** `npm run testbed -- up | down | status` */
import { down } from './down.js';
import { say } from './say.js';
import { formatStatus, isFullyRunning, partStatuses } from './status.js';
import { up } from './up.js';
import { keepBedAfterTestRuns } from './users.js';

// The AWS SDK warns on Node 20 about its future releases (when a client is made): noise in the bed's own output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run testbed -- <command>

  up      start (or reuse) the test bed and write .testbed/env
  down    stop everything the test bed started and remove its data
  status  one line per part; exit code 0 when every part runs, 3 otherwise`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      await up({ keepOnFailure: rest.includes('--keep-on-failure') });
      keepBedAfterTestRuns();
      return 0;
    case 'down':
      await down();
      return 0;
    case 'status': {
      const statuses = partStatuses();
      process.stdout.write(`${formatStatus(statuses)}\n`);
      return isFullyRunning(statuses) ? 0 : 3;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command: ${command}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
