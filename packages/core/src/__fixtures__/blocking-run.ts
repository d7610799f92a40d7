// Child process for the "killed mid-run" test: acts on two pods; the first action completes, the
// second blocks forever inside the provider call, and the parent then kills this process.
import { createLogger } from '../logger.js';
import { parseConfigText } from '../config/load.js';
import { Registry } from '../registry.js';
import { runMonkeys } from '../engine/run.js';
import { Store } from '../store/store.js';
import { deletingMonkey, MemoryProvider, pod } from '@simian/testing';

const [dbPath] = process.argv.slice(2);
const registry = new Registry().registerMonkey(deletingMonkey());
const config = parseConfigText(
  'version: 1\nsafety:\n  blastRadius:\n    minHealthy: 0\n    maxGroupShare: 1\nmonkeys:\n  test:\n    enabled: true\n    dryRun: false\n    schedule:\n      windows:\n        days: [sun, mon, tue, wed, thu, fri, sat]\n        hours: { start: "00:00", end: "24:00" }\n',
  '/tmp/simian-blocking.yaml',
  registry,
  { env: {} },
);
const provider = new MemoryProvider('kubernetes', [pod('a'), pod('b')]);
let n = 0;
provider.onExecute = async () => {
  if (++n === 2) {
    process.stdout.write('blocked\n');
    await new Promise(() => {});
  }
};
await runMonkeys({
  config,
  registry,
  store: new Store(dbPath!),
  logger: createLogger({ level: 'silent', format: 'json' }),
  mode: 'run',
  providers: [provider],
});
