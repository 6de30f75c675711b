/**
 * MirrorMaker 2's classpath: `bench/maven/mm2/pom.xml` resolved from Maven Central with
 * `mvn dependency:copy-dependencies` into the git-ignored `.cache/mm2-<version>/libs` on first use; a marker holding
 * the pom's hash makes later runs skip Maven (editing the pom resolves it again).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../test/testbed/command.js';
import { CACHE_DIR, REPO_ROOT } from '../../test/testbed/paths.js';

const POM_DIR = join(REPO_ROOT, 'bench', 'maven', 'mm2');
const MARKER = '.bench-complete';

export interface Mm2Libs {
  readonly kafkaVersion: string;
  readonly libsDir: string;
}

export async function ensureMm2Libs(say: (line: string) => void): Promise<Mm2Libs> {
  const pom = readFileSync(join(POM_DIR, 'pom.xml'), 'utf8');
  const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1]?.trim();
  if (kafkaVersion === undefined) throw new Error(`${join(POM_DIR, 'pom.xml')} has no <kafka.version> property`);
  const libsDir = join(CACHE_DIR, `mm2-${kafkaVersion}`, 'libs');
  const hash = createHash('sha256').update(pom).digest('hex');
  const marker = join(libsDir, MARKER);
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) return { kafkaVersion, libsDir };

  say(`MirrorMaker 2: resolving connect-mirror ${kafkaVersion} from Maven Central into ${libsDir} (first run only) ...`);
  const partial = `${libsDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await runCommand('mvn', ['-B', '-q', '-f', join(POM_DIR, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`, '-DincludeScope=runtime'], {
    what: `resolving MirrorMaker 2 (connect-mirror ${kafkaVersion}) with Maven`,
    cwd: POM_DIR,
  });
  if (!existsSync(join(partial, `connect-mirror-${kafkaVersion}.jar`))) throw new Error(`Maven finished but ${partial} has no connect-mirror-${kafkaVersion}.jar`);
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(partial, libsDir);
  writeFileSync(marker, `${hash}\n`);
  return { kafkaVersion, libsDir };
}
