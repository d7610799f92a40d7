#!/usr/bin/env node
// The published entry point runs the compiled CLI. Inside the repository, `npm run simian` and the
// README's commands build first (turbo caches it), so this file never needs TypeScript at run time.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'simian: the CLI is not built. Run `npm run build` in the repository first.\n',
  );
  process.exit(2);
}
await import(main.href);
