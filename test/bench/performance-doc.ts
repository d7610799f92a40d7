/**
 * Writes one section of docs/performance.md, between `<!-- bench:NAME -->` and
 * `<!-- /bench:NAME -->`, leaving every other section as it is (each benchmark owns its own
 * markers). Creates the file, or appends the section, when either is missing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const HEADER = `# Performance

Figures in this file are written by the benchmarks under \`test/bench\`, never by hand. Each section
says how to run its benchmark again.
`;

export async function writePerformanceSection(
  file: string,
  name: string,
  body: string,
): Promise<void> {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const section = `${open}\n${body.trim()}\n${close}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = HEADER;
  }
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + close.length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, next);
}
