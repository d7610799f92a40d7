// One measured inventory, in a process of its own so that its peak RSS is the inventory's and
// nothing else's. Run by inventory.ts; prints one JSON line.
//   node --conditions=@simian/source --import tsx test/bench/inventory-child.ts <kubeconfig> <pageSize> [--baseline]
import { createLogger, Inventory } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';

const [kubeconfig, pageSizeText, mode] = process.argv.slice(2);
const provider = kubernetesProvider.create(
  kubernetesProvider.targetSchema.parse([{ kubeconfig, pageSize: Number(pageSizeText) }]),
  { logger: createLogger({ level: 'silent', format: 'json' }), configDir: process.cwd() },
);
const scope = provider.scopes()[0]!;
const started = performance.now();
const cpuBefore = process.cpuUsage();
let items = 0;
let complete = true;
if (mode !== '--baseline') {
  const listing = await new Inventory([provider]).list('kubernetes', 'Pod', scope);
  items = listing.items.length;
  complete = listing.complete;
  if (!complete) process.stderr.write(`${listing.error}\n`);
}
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
await provider.close();
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    requests: provider.stats().requests,
    items,
    complete,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
