import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MigrationError } from '../../engine/errors.js';
import { verifyEvidenceBundle, type EvidenceVerifyReport } from '../../engine/evidence/index.js';
import type { CommandHandler } from './context.js';

/** `evidence verify <bundle> [--public-key <pem>]`: offline; one line per check; exit 0 only when all pass. */
export const evidenceVerify: CommandHandler = async (context) => {
  const bundlePath = path.resolve(context.io.cwd, context.positionals[0] as string);
  const keyFlag = context.flags['public-key'];
  const bundleText = await readText(bundlePath, 'evidence bundle');
  const publicKeyPem = typeof keyFlag === 'string' ? await readText(path.resolve(context.io.cwd, keyFlag), '--public-key file') : undefined;
  const report = verifyEvidenceBundle(bundleText, { publicKeyPem });
  if (context.json) context.io.stdout.write(`${JSON.stringify({ bundle: bundlePath, ...report }, null, 2)}\n`);
  else context.io.stdout.write(formatReport(report));
  return report.ok ? 0 : 1;
};

export function formatReport(report: EvidenceVerifyReport): string {
  const lines = report.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'}  ${check.message}`);
  const failed = report.checks.filter((check) => !check.ok).length;
  lines.push(
    report.ok
      ? `evidence verify: PASSED (${report.checks.length} checks${report.keyCheck === 'self-consistency-only' ? '; self-consistency only, no --public-key' : ''})`
      : `evidence verify: FAILED (${failed} of ${report.checks.length} checks failed)`,
  );
  return `${lines.join('\n')}\n`;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new MigrationError({
      code: 'USAGE',
      message: `cannot read the ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    });
  }
}
