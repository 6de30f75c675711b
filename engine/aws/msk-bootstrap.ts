import { MigrationError } from '../errors.js';
import type { MskAuthMode, MskBootstrapBrokers } from './msk-types.js';

type Listener = keyof MskBootstrapBrokers;

/** Private listener first; the public one (public access on) only when the cluster has no private one. */
function candidates(authMode: MskAuthMode, tlsEnabled: boolean): Listener[] {
  switch (authMode) {
    case 'scram-sha-512':
      return ['saslScram', 'publicSaslScram'];
    case 'iam':
      return ['saslIam', 'publicSaslIam'];
    case 'tls':
      return ['tls', 'publicTls'];
    case 'plaintext':
      return tlsEnabled ? ['tls', 'publicTls'] : ['plaintext'];
  }
}

const LISTENER_LABEL: Record<Listener, string> = {
  plaintext: 'plaintext',
  tls: 'TLS',
  saslScram: 'SASL/SCRAM',
  saslIam: 'SASL/IAM',
  publicTls: 'public TLS',
  publicSaslScram: 'public SASL/SCRAM',
  publicSaslIam: 'public SASL/IAM',
};

const MODE_LABEL: Record<MskAuthMode, string> = {
  'scram-sha-512': 'SASL/SCRAM',
  iam: 'IAM',
  tls: 'mutual TLS',
  plaintext: 'unauthenticated',
};

/**
 * The bootstrap string matching how the tool will authenticate: scram-sha-512 → SASL/SCRAM, iam → SASL/IAM,
 * tls → TLS, plaintext → plaintext (or TLS when `tlsEnabled`, i.e. unauthenticated over TLS).
 * A CONFIG_INVALID MigrationError naming what the cluster does offer when nothing matches.
 */
export function pickBootstrap(
  brokers: MskBootstrapBrokers,
  authMode: MskAuthMode,
  tlsEnabled: boolean,
  clusterArn?: string,
): string {
  const wanted = candidates(authMode, tlsEnabled);
  for (const listener of wanted) {
    const value = brokers[listener];
    if (value !== undefined && value.trim() !== '') return value;
  }
  const offered = (Object.keys(LISTENER_LABEL) as Listener[]).filter((listener) => (brokers[listener] ?? '').trim() !== '');
  const cluster = clusterArn === undefined ? 'The cluster' : `Cluster ${clusterArn}`;
  const wantedText = wanted.map((listener) => LISTENER_LABEL[listener]).join(' or ');
  throw new MigrationError({
    code: 'CONFIG_INVALID',
    message:
      `${cluster} has no ${wantedText} bootstrap brokers for auth mode ${authMode}${authMode === 'plaintext' ? ` (tls ${tlsEnabled ? 'on' : 'off'})` : ''}; ` +
      `it offers ${offered.length === 0 ? 'none' : offered.map((listener) => LISTENER_LABEL[listener]).join(', ')}`,
    hint: `Set auth.mode (and tls) to match a listener the cluster offers, or enable ${MODE_LABEL[authMode]} client access on the cluster.`,
  });
}
