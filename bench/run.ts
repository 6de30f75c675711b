/** `npm run bench -- <name> [options]`: runs one benchmark by name (see registry.ts). */
import { BENCHES } from './registry.js';

const [name, ...args] = process.argv.slice(2);
const bench = name === undefined ? undefined : BENCHES[name];
if (bench === undefined) {
  const list = Object.entries(BENCHES)
    .map(([key, value]) => `  ${key.padEnd(10)} ${value.description}`)
    .join('\n');
  console.error(`${name === undefined ? 'Name a benchmark' : `Unknown benchmark "${name}"`}: npm run bench -- <name> [options]\n\n${list}`);
  process.exitCode = 2;
} else {
  await bench.run(args);
}
