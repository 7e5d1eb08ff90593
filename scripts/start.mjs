#!/usr/bin/env node
// `npm start`: build the web client if needed, then serve the UI and API with the demo data
// (migrations and the demo seed run on start). PORT overrides the default 8080; extra
// arguments go to `gongzhi serve`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from './build-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Paths in the configuration (data/, web/dist) are relative to the repository, wherever we are started from.
process.chdir(root);

try {
  await ensureWebBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// The server runs in this very process, so Ctrl-C and SIGTERM reach its own graceful shutdown
// directly; there is no child to forward them to (and no signal delivered twice).
const bin = join(root, 'bin', 'gongzhi.mjs');
process.argv = [process.argv[0] ?? process.execPath, bin, 'serve', '--demo', ...process.argv.slice(2)];
await import('../bin/gongzhi.mjs');
