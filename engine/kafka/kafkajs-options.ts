import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import kafkajs from 'kafkajs';
import type { KafkaConfig, LogEntry, SASLOptions, logCreator } from 'kafkajs';
import { MigrationError } from '../errors.js';

/**
 * kafkajs client settings from one cluster's connection settings. Plain structural types on purpose: the config
 * module maps an operator's file onto this shape.
 */
export type KafkaAuthMode = 'plaintext' | 'scram-sha-512' | 'tls' | 'iam';

export interface KafkaClusterConnection {
  clientId: string;
  brokers: string[];
  /** `plaintext`: no authentication; `tls`: mutual TLS (client certificate); `iam`: MSK IAM (SASL/OAUTHBEARER). */
  auth: { mode: KafkaAuthMode; username?: string; password?: string };
  /** Encryption in transit. PEM files; without `caFile` the system's trusted CAs are used. */
  tls: { enabled: boolean; caFile?: string; certFile?: string; keyFile?: string };
}

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

/** A kafkajs log line, with anything that could be a credential removed. */
export interface KafkaLogEvent {
  level: KafkaLogLevel;
  /** kafkajs's component, e.g. `Connection`, `Consumer`, `BrokerPool`. */
  namespace: string;
  clientId: string;
  message: string;
  /** kafkajs's structured extras (broker, error, retry counts...), sanitized. */
  fields: Record<string, unknown>;
}

export interface KafkajsClientOptions {
  /** Receives kafkajs's log lines at `logLevel` and above; without it they are dropped (never printed). */
  onLog?: (event: KafkaLogEvent) => void;
  /** Default `warn`. */
  logLevel?: KafkaLogLevel;
}

/**
 * Timeouts and retries for a long-running copy: connections through TLS, tunnels and across regions take more than
 * kafkajs's 1 s default to open; fetches of large batches and acks=all produces need more than 30 s at worst; and
 * retries must outlast a leader election or a rolling broker restart (MSK patches brokers one at a time) rather than
 * fail the run. Ten retries, backing off from 300 ms to 30 s, span roughly three to four minutes.
 */
export const KAFKAJS_CONNECTION_DEFAULTS = {
  connectionTimeout: 10_000,
  authenticationTimeout: 10_000,
  requestTimeout: 60_000,
  enforceRequestTimeout: true,
  retry: { initialRetryTime: 300, maxRetryTime: 30_000, factor: 0.2, multiplier: 2, retries: 10 },
} as const;

const LEVELS: Record<KafkaLogLevel, number> = { error: 1, warn: 2, info: 4, debug: 5 };

function configError(message: string, hint: string, cause?: unknown): MigrationError {
  return new MigrationError({ code: 'CONFIG_INVALID', message, hint, cause });
}

function readPem(path: string, what: 'CA certificate' | 'client certificate' | 'client private key', clientId: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError(
      `${clientId}: cannot read the ${what} file ${path} (${reason})`,
      'Check the path in the tls section of the cluster config and that this user can read the file.',
      error,
    );
  }
  const expected = what === 'client private key' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/ : /-----BEGIN CERTIFICATE-----/;
  if (!expected.test(text)) {
    throw configError(
      `${clientId}: the ${what} file ${path} is not PEM (no ${what === 'client private key' ? 'PRIVATE KEY' : 'CERTIFICATE'} block)`,
      'Convert it to PEM, e.g. `openssl x509 -in cert.der -inform der -out cert.pem` or, for a Java keystore, export it with keytool then openssl.',
    );
  }
  return text;
}

function sslOptions(cluster: KafkaClusterConnection): ConnectionOptions | boolean | undefined {
  const { tls, auth, clientId } = cluster;
  if (auth.mode === 'tls' && !tls.enabled) {
    throw configError(
      `${clientId}: auth.mode is tls (client certificates) but tls.enabled is false`,
      'Set tls.enabled: true and tls.certFile / tls.keyFile, or choose another auth.mode.',
    );
  }
  if (!tls.enabled) return undefined;
  if (auth.mode === 'tls' && (tls.certFile === undefined || tls.keyFile === undefined)) {
    throw configError(
      `${clientId}: auth.mode tls needs both tls.certFile and tls.keyFile`,
      'Point tls.certFile and tls.keyFile at the client certificate and its private key (PEM).',
    );
  }
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw configError(
      `${clientId}: tls.certFile and tls.keyFile must be given together`,
      'Give both the client certificate and its private key, or neither.',
    );
  }
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (tls.caFile !== undefined) options.ca = [readPem(tls.caFile, 'CA certificate', clientId)];
  if (tls.certFile !== undefined && tls.keyFile !== undefined) {
    options.cert = readPem(tls.certFile, 'client certificate', clientId);
    options.key = readPem(tls.keyFile, 'client private key', clientId);
  }
  return options;
}

function saslOptions(cluster: KafkaClusterConnection): SASLOptions | undefined {
  const { auth, clientId } = cluster;
  switch (auth.mode) {
    case 'plaintext':
    case 'tls':
      return undefined;
    case 'scram-sha-512': {
      if (!auth.username || !auth.password) {
        throw configError(
          `${clientId}: auth.mode scram-sha-512 needs auth.username and auth.password`,
          'Set both, e.g. password: ${MSK_SCRAM_PASSWORD} to take it from the environment (for MSK, the AmazonMSK_* secret).',
        );
      }
      return { mechanism: 'scram-sha-512', username: auth.username, password: auth.password };
    }
    case 'iam':
      return {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => {
          throw new MigrationError({
            code: 'NOT_IMPLEMENTED',
            message: `${clientId}: MSK IAM authentication (SASL/OAUTHBEARER) is not implemented yet`,
            hint:
              'Connect with auth.mode scram-sha-512 (MSK SASL/SCRAM bootstrap brokers, port 9096) or tls ' +
              '(mutual TLS, port 9094) for now; enable one of them on the cluster if needed.',
          });
        },
      };
  }
}

const SECRET_KEY = /pass(word|phrase)?|secret|token|credential|authori[sz]ation|sasl|private|^key$|^cert$|^ca$|^ssl$|^pfx$/i;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g;
const MAX_DEPTH = 4;

function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(PEM_BLOCK, '[redacted PEM]');
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

function sanitize(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    return { name: value.name, message: scrub(value.message, secrets) };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => sanitize(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && typeof item !== 'boolean' ? '[redacted]' : sanitize(item, secrets, depth + 1);
  }
  return out;
}

function levelName(level: number): KafkaLogLevel {
  if (level <= LEVELS.error) return 'error';
  if (level <= LEVELS.warn) return 'warn';
  if (level <= LEVELS.info) return 'info';
  return 'debug';
}

function routeLogs(cluster: KafkaClusterConnection, options: KafkajsClientOptions): logCreator {
  const secrets = [cluster.auth.password].filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      if (options.onLog === undefined) return;
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log as LogEntry['log'] & Record<string, unknown>;
      try {
        options.onLog({
          level: levelName(level),
          namespace: namespace ?? '',
          clientId: cluster.clientId,
          message: scrub(String(message), secrets),
          fields: sanitize(extra, secrets, 0) as Record<string, unknown>,
        });
      } catch {
        // A failing log sink must not break the Kafka client.
      }
    };
}

/** kafkajs `KafkaConfig` for one cluster. Reads the TLS files now; throws CONFIG_INVALID for unusable settings. */
export function kafkajsClientConfig(cluster: KafkaClusterConnection, options: KafkajsClientOptions = {}): KafkaConfig {
  if (cluster.brokers.length === 0) {
    throw configError(`${cluster.clientId}: no bootstrap brokers`, 'List at least one host:port in the cluster config.');
  }
  const ssl = sslOptions(cluster);
  const sasl = saslOptions(cluster);
  return {
    clientId: cluster.clientId,
    brokers: [...cluster.brokers],
    ...(ssl === undefined ? {} : { ssl }),
    ...(sasl === undefined ? {} : { sasl }),
    connectionTimeout: KAFKAJS_CONNECTION_DEFAULTS.connectionTimeout,
    authenticationTimeout: KAFKAJS_CONNECTION_DEFAULTS.authenticationTimeout,
    requestTimeout: KAFKAJS_CONNECTION_DEFAULTS.requestTimeout,
    enforceRequestTimeout: KAFKAJS_CONNECTION_DEFAULTS.enforceRequestTimeout,
    retry: { ...KAFKAJS_CONNECTION_DEFAULTS.retry },
    logLevel: LEVELS[options.logLevel ?? 'warn'] as kafkajs.logLevel,
    logCreator: routeLogs(cluster, options),
  };
}
