#!/usr/bin/env node
// The installed entry point. A built checkout runs dist/; a source checkout (npm ci, no build) runs the
// TypeScript through tsx, so the README's commands work either way.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/source/cli.js', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig wherever the command runs from (tsx would look in the working folder): JSX needs it.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../source/cli.ts');
}
