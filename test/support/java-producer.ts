/**
 * Records written by Kafka's OWN Java producer, through its console producer (kafka.tools.ConsoleProducer in 3.x,
 * org.apache.kafka.tools.ConsoleProducer in 4.x), for tests that must read what real Java clients write: each codec
 * in Java's own framing (xerial snappy, lz4 frames, zstd streams without content size), headers as Java encodes them.
 * Java 17 is on the PATH of the test bed; the jars are in .cache/kafka-<version>/libs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type JavaCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** A record as text; a null key, value or header value is sent as null (not empty). */
export interface ConsoleRecord {
  readonly key: string | null;
  readonly value: string | null;
  /** In order; repeated keys allowed. */
  readonly headers: ReadonlyArray<readonly [string, string | null]>;
}

/** Separators no test string contains ('~' is kept out of keys, values and headers). */
const SEP = { key: '~K~', headersDelimiter: '~D~', headers: '~S~', headerKey: '~E~', nullMarker: '~NULL~' };

const mainClasses = new Map<string, string>();

function consoleProducerClass(libs: string): string {
  const known = mainClasses.get(libs);
  if (known !== undefined) return known;
  const candidates = ['org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer'];
  const entries = new Set<string>();
  for (const jar of readdirSync(libs).filter((name) => /^kafka.*\.jar$/.test(name))) {
    for (const entry of execFileSync('unzip', ['-Z1', join(libs, jar)], { maxBuffer: 64 * 1024 * 1024 }).toString().split('\n')) entries.add(entry.trim());
  }
  const found = candidates.find((name) => entries.has(`${name.replace(/\./g, '/')}.class`));
  if (found === undefined) throw new Error(`no console producer (${candidates.join(', ')}) in ${libs}`);
  mainClasses.set(libs, found);
  return found;
}

let logDir: string | undefined;

/** Java logging to stderr at WARN (log4j 1 for Kafka 3.x tools, log4j2 for 4.x). */
function loggingArgs(): string[] {
  if (logDir === undefined) {
    logDir = mkdtempSync(join(tmpdir(), 'java-producer-logging-'));
    writeFileSync(
      join(logDir, 'log4j.properties'),
      'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\n' +
        'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n\n',
    );
    writeFileSync(
      join(logDir, 'log4j2.xml'),
      '<?xml version="1.0" encoding="UTF-8"?><Configuration status="WARN"><Appenders><Console name="err" target="SYSTEM_ERR">' +
        '<PatternLayout pattern="%p %m (%c)%n"/></Console></Appenders><Loggers><Root level="WARN"><AppenderRef ref="err"/></Root></Loggers></Configuration>',
    );
  }
  return [`-Dlog4j.configuration=file:${join(logDir, 'log4j.properties')}`, `-Dlog4j2.configurationFile=${join(logDir, 'log4j2.xml')}`];
}

function inputLines(records: readonly ConsoleRecord[]): Buffer {
  const lines = records.map((record) => {
    for (const text of [record.key, record.value, ...record.headers.flat()]) {
      if (text !== null && /[~\n]/.test(text)) throw new Error(`console records cannot hold '~' or a newline: ${JSON.stringify(text.slice(0, 40))}`);
    }
    const headers =
      record.headers.length === 0 ? SEP.nullMarker : record.headers.map(([key, value]) => `${key}${SEP.headerKey}${value ?? SEP.nullMarker}`).join(SEP.headers);
    return `${headers}${SEP.headersDelimiter}${record.key ?? SEP.nullMarker}${SEP.key}${record.value ?? SEP.nullMarker}`;
  });
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/**
 * Sends `records` with Kafka's console producer (acks=all, idempotent, batching for up to `lingerMs`) and waits for
 * it to exit; rejects with its stderr when it fails.
 */
export async function produceWithJava(options: {
  libs: string;
  bootstrap: string;
  topic: string;
  compression: JavaCompression;
  records: readonly ConsoleRecord[];
  lingerMs?: number;
  timeoutMs?: number;
}): Promise<void> {
  const args = [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    ...loggingArgs(),
    '-cp',
    `${options.libs}/*`,
    consoleProducerClass(options.libs),
    '--bootstrap-server', options.bootstrap,
    '--topic', options.topic,
    // Not --producer-property compression.type: the console producer overwrites it with --compression-codec.
    '--compression-codec', options.compression,
    '--timeout', String(options.lingerMs ?? 1000),
    '--max-partition-memory-bytes', String(1024 * 1024),
    '--request-required-acks', 'all',
    // The console producer's own default is 1.5 s, too short for a loaded test bed.
    '--request-timeout-ms', '30000',
    '--property', 'parse.key=true',
    '--property', 'parse.headers=true',
    '--property', `key.separator=${SEP.key}`,
    '--property', `headers.delimiter=${SEP.headersDelimiter}`,
    '--property', `headers.separator=${SEP.headers}`,
    '--property', `headers.key.separator=${SEP.headerKey}`,
    '--property', `null.marker=${SEP.nullMarker}`,
  ];
  const timeoutMs = options.timeoutMs ?? 120_000;
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(inputLines(options.records));
  });
  if (result.code !== 0) throw new Error(`Kafka's console producer exited with ${String(result.code)}: ${result.stderr.slice(-2000)}`);
}
