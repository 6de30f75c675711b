/**
 * How the bed runs Java: the machine's `java` (17), small heaps, and each side's logging (reload4j for Kafka 3.9,
 * Log4j2 for Kafka 4.x) writing to stdout, which the bed sends to `.testbed/logs/<part>.log`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type CommandResult } from './command.js';
import { classpathOf, type ClusterSide, type KafkaLibs } from './maven.js';
import { CONFIG_DIR, REPO_ROOT } from './paths.js';
import type { PartName } from './parts.js';
import { spawnPart } from './processes.js';

const JVM_OPTIONS = ['-Xmx256m', '-Xms64m', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];

const RELOAD4J_SERVER = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.zookeeper.server.PrepRequestProcessor=WARN
`;

const RELOAD4J_TOOL = `log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
`;

const log4j2 = (rootLevel: string, target: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="console" target="${target}">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="${rootLevel}"><AppenderRef ref="console"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
  </Loggers>
</Configuration>
`;

function loggingConfig(side: ClusterSide, use: 'server' | 'tool'): string {
  mkdirSync(CONFIG_DIR, { recursive: true });
  if (side === 'source') {
    const file = join(CONFIG_DIR, `source-${use}-log4j.properties`);
    writeFileSync(file, use === 'server' ? RELOAD4J_SERVER : RELOAD4J_TOOL);
    return `-Dlog4j.configuration=file:${file}`;
  }
  const file = join(CONFIG_DIR, `target-${use}-log4j2.xml`);
  writeFileSync(file, use === 'server' ? log4j2('INFO', 'SYSTEM_OUT') : log4j2('WARN', 'SYSTEM_ERR'));
  return `-Dlog4j2.configurationFile=${file}`;
}

/** Kafka 4 needs Java 17 or later; say so plainly instead of letting a broker fail on class versions. */
export async function assertJava17(): Promise<void> {
  const { stdout, stderr } = await runCommand('java', ['-version'], { what: 'checking the Java version' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${stderr}\n${stdout}`);
  const major = match?.[1] === '1' ? Number(match[2]) : Number(match?.[1]);
  if (!Number.isInteger(major) || major < 17) {
    throw new Error(`the test bed needs Java 17 or later on the PATH; \`java -version\` says: ${stderr.split('\n')[0] ?? ''}`);
  }
}

/** Starts a long-running Java part (ZooKeeper, a broker) detached; returns its pid. */
export function spawnJavaPart(name: PartName, libs: KafkaLibs, mainClass: string, args: string[]): number {
  return spawnPart(name, {
    command: 'java',
    args: [
      ...JVM_OPTIONS,
      `-Dtestbed.part=${name}`,
      loggingConfig(libs.side, 'server'),
      '-cp',
      classpathOf(libs),
      mainClass,
      ...args,
    ],
    cwd: REPO_ROOT,
  });
}

/** Runs one of Kafka's command-line tools to completion (StorageTool, ConfigCommand, ...). */
export function runJavaTool(
  libs: KafkaLibs,
  mainClass: string,
  args: string[],
  what: string,
  redact: string[] = [],
): Promise<CommandResult> {
  return runCommand(
    'java',
    [...JVM_OPTIONS, loggingConfig(libs.side, 'tool'), '-cp', classpathOf(libs), mainClass, ...args],
    { what, cwd: REPO_ROOT, timeoutMs: 180_000, redact },
  );
}
