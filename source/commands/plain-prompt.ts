/**
 * The plain terminal prompt for the cutover's producer freeze: the question on stderr, the answer from stdin (a line
 * starting with y confirms). The wizard gives an Ink prompt instead; both are a ConfirmPort.
 */
import { createInterface } from 'node:readline/promises';
import type { ConfirmPort } from '../../engine/cutover/freeze-method.js';
import type { CliIO } from '../io.js';

export function plainConfirm(io: Pick<CliIO, 'stdin' | 'stderr'>): ConfirmPort {
  return async (request) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    try {
      io.stderr.write(`\n${request.message}\nProducers are stopped? [y/N] `);
      const answer = await rl.question('');
      return /^\s*y(es)?\s*$/i.test(answer);
    } finally {
      rl.close();
    }
  };
}
