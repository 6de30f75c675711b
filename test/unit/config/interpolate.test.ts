import { describe, expect, it } from 'vitest';
import { interpolateString } from '../../../engine/config/interpolate.js';
import { ENV, invalid, lineFor, MINIMAL, parse, wrapEnterprise } from './helpers.js';

describe('${VAR} interpolation', () => {
  it('replaces references in any string value, also inside flow mappings as the reference layout writes them', () => {
    const config = parse(
      wrapEnterprise(
        MINIMAL.replace(
          'target:\n  bootstrap_servers: 127.0.0.1:29092',
          'target:\n  bootstrap_servers: ${BROKER_HOST}:29092\n' +
            '  auth: { mode: scram-sha-512, username: ${SCRAM_USERNAME}, password: ${SCRAM_PASSWORD} }',
        ),
      ),
      { ...ENV, BROKER_HOST: 'kafka.internal' },
    );
    expect(config.target.bootstrapServers).toEqual(['kafka.internal:29092']);
    expect(config.target.auth).toEqual({
      mode: 'scram-sha-512',
      username: ENV.SCRAM_USERNAME,
      password: ENV.SCRAM_PASSWORD,
    });
  });

  it('takes a value from the environment as text, never as YAML', () => {
    const config = parse(MINIMAL.replace('s3_bucket: kb-backup', 's3_bucket: kb-backup\n  s3_prefix: ${PREFIX}'), {
      PREFIX: '{ a: 1 } # not yaml',
    });
    expect(config.backup.s3Prefix).toBe('{ a: 1 } # not yaml');
  });

  it('reads numbers and booleans that come from the environment', () => {
    const config = parse(`${MINIMAL}cutover:\n  drain_max_partition_lag: \${LAG}\naws:\n  s3_force_path_style: \${PATH_STYLE}\n`, {
      LAG: '250',
      PATH_STYLE: 'true',
    });
    expect(config.cutover.drainMaxPartitionLag).toBe(250);
    expect(config.aws.s3ForcePathStyle).toBe(true);
  });

  it('keeps $${ as a literal ${', () => {
    expect(interpolateString('a-$${HOME}-b', { HOME: '/root' }).value).toBe('a-${HOME}-b');
    expect(interpolateString('cost $$ and $${', {}).value).toBe('cost $$ and ${');
    // (A function replacement: in a replacement string `$$` would mean one `$`.)
    const text = MINIMAL.replace('s3_bucket: kb-backup', () => 's3_bucket: kb-backup\n  s3_prefix: "x/$${NOT_A_VAR}"');
    const config = parse(text, {});
    expect(config.backup.s3Prefix).toBe('x/${NOT_A_VAR}');
  });

  it('names the missing variable and the key path, with the line, and never the value of any variable', () => {
    const text = wrapEnterprise(
      MINIMAL.replace(
        'target:\n  bootstrap_servers: 127.0.0.1:29092',
        'target:\n  bootstrap_servers: 127.0.0.1:29092\n  auth:\n    mode: scram-sha-512\n    username: ${SCRAM_USERNAME}\n    password: ${MISSING_PASSWORD}',
      ),
    );
    const error = invalid(text);
    expect(error.code).toBe('CONFIG_INVALID');
    const line = lineFor(error, 'enterprise.msk_kraft_migration.target.auth.password');
    expect(line).toMatch(/^\/cfg\/migration\.yaml:10: /);
    expect(line).toContain('MISSING_PASSWORD');
    expect(line).toContain('not set');
    for (const value of Object.values(ENV)) expect(error.message).not.toContain(value);
  });

  it('reports every missing variable, each on its own line', () => {
    const error = invalid(`${MINIMAL}aws:\n  region: \${NO_REGION}\n  profile: \${NO_PROFILE}\n`, {});
    expect(lineFor(error, 'aws.region')).toContain('NO_REGION');
    expect(lineFor(error, 'aws.profile')).toContain('NO_PROFILE');
  });

  it('refuses malformed references with the key path', () => {
    const error = invalid(`${MINIMAL}aws:\n  profile: "\${UNCLOSED"\n  region: "\${not-a-name}"\n`, {});
    expect(lineFor(error, 'aws.profile')).toMatch(/without a closing `}`/);
    expect(lineFor(error, 'aws.region')).toMatch(/not a variable reference/);
  });

  it('does not interpolate keys', () => {
    const error = invalid(`${MINIMAL}\${KEY}: 1\n`, { KEY: 'seed' });
    expect(error.message).toContain('${KEY}: unknown key');
  });
});
