/**
 * The Simian side of the security peer benchmark, in a process of its own so that its time and
 * memory are its own: `scanManifests` with the security monkey's rules (what `simian scan` does
 * with the conformity rules) over a directory. Prints one JSON object: the findings by file.
 *
 *   node --conditions=@simian/source --import tsx test/bench/security-scan-simian.ts DIR
 */
import { basename } from 'node:path';
import { scanManifests } from '@simian/policy';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: security-scan-simian.ts DIR\n');
  process.exit(2);
}
const result = await scanManifests([dir], { monkey: 'security' });
const byFile: Record<string, string[]> = {};
for (const f of result.findings) {
  const file = f.location ? basename(f.location.file) : '?';
  (byFile[file] ??= []).push(f.ruleId);
}
process.stdout.write(
  `${JSON.stringify({ rules: result.summary.rules, resources: result.summary.resources, byFile })}\n`,
);
