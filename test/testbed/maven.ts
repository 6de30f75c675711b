/**
 * The two Kafka classpaths, resolved from Maven Central by Maven with the small poms in `test/testbed/maven/`
 * into `.cache/kafka-<version>/libs`. A marker written after a complete copy (holding the pom's hash) makes
 * every later run offline; editing a pom resolves it again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command.js';
import { CACHE_DIR, MAVEN_DIR } from './paths.js';
import { say } from './say.js';

export type ClusterSide = 'source' | 'target';

export interface KafkaLibs {
  side: ClusterSide;
  kafkaVersion: string;
  /** The directory of jars; the classpath is `<libsDir>/*`. */
  libsDir: string;
}

const MARKER = '.testbed-complete';

function pomOf(side: ClusterSide): string {
  return join(MAVEN_DIR, side, 'pom.xml');
}

function kafkaVersionIn(pomText: string, pomFile: string): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pomText);
  if (!match?.[1]) throw new Error(`${pomFile} has no <kafka.version> property`);
  return match[1].trim();
}

/** Where the jars of one side are, without resolving anything (for `status` and the env file). */
export function kafkaLibsOf(side: ClusterSide): KafkaLibs & { complete: boolean; pomHash: string } {
  const pomFile = pomOf(side);
  const pomText = readFileSync(pomFile, 'utf8');
  const kafkaVersion = kafkaVersionIn(pomText, pomFile);
  const libsDir = join(CACHE_DIR, `kafka-${kafkaVersion}`, 'libs');
  const pomHash = createHash('sha256').update(pomText).digest('hex');
  const markerFile = join(libsDir, MARKER);
  const complete = existsSync(markerFile) && readFileSync(markerFile, 'utf8').trim() === pomHash;
  return { side, kafkaVersion, libsDir, complete, pomHash };
}

export async function ensureKafkaLibs(side: ClusterSide): Promise<KafkaLibs> {
  const libs = kafkaLibsOf(side);
  const result = { side, kafkaVersion: libs.kafkaVersion, libsDir: libs.libsDir };
  if (libs.complete) {
    say(`${side} classpath: Kafka ${libs.kafkaVersion} already in ${libs.libsDir} (Maven not called)`);
    return result;
  }
  say(`${side} classpath: resolving Kafka ${libs.kafkaVersion} from Maven Central with Maven ...`);
  const partial = `${libs.libsDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await runCommand(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pomOf(side),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${partial}`,
      '-DincludeScope=runtime',
    ],
    { what: `resolving the ${side} classpath (Kafka ${libs.kafkaVersion}) with Maven`, cwd: join(MAVEN_DIR, side) },
  );
  if (!existsSync(join(partial, `kafka_2.13-${libs.kafkaVersion}.jar`))) {
    throw new Error(`Maven finished but ${partial} has no kafka_2.13-${libs.kafkaVersion}.jar`);
  }
  rmSync(libs.libsDir, { recursive: true, force: true });
  renameSync(partial, libs.libsDir);
  writeFileSync(join(libs.libsDir, MARKER), `${libs.pomHash}\n`);
  say(`${side} classpath: Kafka ${libs.kafkaVersion} copied to ${libs.libsDir}`);
  return result;
}

export function classpathOf(libs: KafkaLibs): string {
  return `${libs.libsDir}/*`;
}
