import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../engine/config/index.js';
import { allKeyPaths } from './schema-keys.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('examples/migration.yaml', () => {
  it('validates with the environment variables it references', async () => {
    const example = await readFile(`${root}examples/migration.yaml`, 'utf8');
    const code = example
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    const referenced = [...code.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1] as string);
    expect(new Set(referenced)).toEqual(new Set(['SCRAM_USERNAME', 'SCRAM_PASSWORD', 'FREEZE_HMAC_SECRET']));
    const env = Object.fromEntries(referenced.map((name) => [name, `value-of-${name}`]));
    const config = await loadConfig(`${root}examples/migration.yaml`, env);
    expect(config.source.auth).toEqual({
      mode: 'scram-sha-512',
      username: 'value-of-SCRAM_USERNAME',
      password: 'value-of-SCRAM_PASSWORD',
    });
    expect(config.target.auth).toEqual({ mode: 'iam' });
    expect(config.cutover.producerFreezeWebhookSecret).toBe('value-of-FREEZE_HMAC_SECRET');
    expect(config.evidence.signingKeyPath).toBe(`${root}examples/keys/evidence-signing.pem`);
  });

  it('refuses to load without them, naming each', async () => {
    const error = await loadConfig(`${root}examples/migration.yaml`, {}).then(
      () => new Error('the example loaded without its environment variables'),
      (caught: Error) => caught,
    );
    for (const name of ['SCRAM_USERNAME', 'SCRAM_PASSWORD', 'FREEZE_HMAC_SECRET']) expect(error.message).toContain(name);
  });

  it('shows every top-level section', async () => {
    const example = await readFile(`${root}examples/migration.yaml`, 'utf8');
    for (const section of allKeyPaths().filter((path) => !path.includes('.'))) {
      expect(example, section).toMatch(new RegExp(`^    ${section}:`, 'm'));
    }
  });
});

describe('docs/config.md', () => {
  it('documents every key the schema accepts', async () => {
    const docs = await readFile(`${root}docs/config.md`, 'utf8');
    const missing = allKeyPaths().filter((path) => !docs.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});
