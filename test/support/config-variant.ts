import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';

type Block = Record<string, any>;

/**
 * Writes a copy of one of the test bed's configs with the migration block changed by `mutate`, into a fresh temp
 * folder; returns the file's path. `${VAR}` references stay references.
 */
export function configVariant(basePath: string, mutate: (block: Block) => void, name = 'migration.yaml'): string {
  const doc = yaml.load(readFileSync(basePath, 'utf8')) as { enterprise: { msk_kraft_migration: Block } };
  mutate(doc.enterprise.msk_kraft_migration);
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-config-'));
  const file = path.join(dir, name);
  writeFileSync(file, yaml.dump(doc, { lineWidth: 200 }));
  return file;
}
