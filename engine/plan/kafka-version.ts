/** Kafka version strings as MSK and brokers spell them: `3.9.x`, `3.7.x.kraft`, `4.1.0`, `2.8.2.tiered`. */

export interface KafkaVersion {
  readonly major: number;
  readonly minor: number;
}

const VERSION = /^\s*(\d+)\.(\d+)(?:[.\-_].*)?\s*$/;

export function parseKafkaVersion(version: string | null | undefined): KafkaVersion | undefined {
  if (version === null || version === undefined) return undefined;
  const match = VERSION.exec(version);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** True when `version` is at least `major.minor`. */
export function atLeast(version: KafkaVersion, major: number, minor = 0): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}
