// -o, --output-file and --reporter are checked per command before it does anything: parsed here in
// process, up to the point where a command would start (the process tests are in test/output.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

/** Parses `argv` and returns the error the command was refused with. */
async function refusal(
  ...argv: string[]
): Promise<{ code?: string; message: string; hint?: string }> {
  const program = buildProgram();
  // Every refusal here comes before the action; an action that runs means the check let it through.
  for (const c of program.commands) c.action(() => Promise.reject(new Error('the action ran')));
  try {
    await program.parseAsync(['node', 'simian', ...argv]);
  } catch (e) {
    return e as { code?: string; message: string; hint?: string };
  }
  throw new Error(`simian ${argv.join(' ')} was not refused`);
}

describe('output flags, checked per command', () => {
  it('refuses a format the command cannot give, naming the formats it can', async () => {
    // plan and run give findings since the reporting package: every findings format applies
    expect(await refusal('plan', '-o', 'yaml')).toMatchObject({
      code: 'INPUT_INVALID',
      message:
        '--output yaml does not apply to simian plan: its formats are table, json, junit, sarif, markdown, html, pdf, csv, ocsf, policyreport, openreports',
    });
    expect((await refusal('-o', 'junit', 'history')).message).toBe(
      '--output junit does not apply to simian history: its formats are table, json',
    );
    expect((await refusal('schema', '-o', 'table')).message).toBe(
      '--output table does not apply to simian schema: its formats are json',
    );
    expect((await refusal('run', '-o', 'yaml')).message).toBe(
      '--output yaml does not apply to simian run: its formats are table, json, junit, sarif, markdown, html, pdf, csv, ocsf, policyreport, openreports',
    );
  });

  it('refuses -o and --output-file on a command that writes no report', async () => {
    expect((await refusal('daemon', '-o', 'json')).message).toBe(
      '--output does not apply to simian daemon, which writes no report (its logs go to stderr)',
    );
    expect((await refusal('daemon', '--output-file', 'x.json')).message).toMatch(
      /^--output-file does not apply to simian daemon/,
    );
  });

  it('refuses an --output-file in a folder that is not there, or that is a folder', async () => {
    expect(
      (await refusal('scan', 'x.yaml', '--output-file', '/no/such/dir/out.json')).message,
    ).toBe('--output-file /no/such/dir/out.json: the folder /no/such/dir does not exist');
    const dir = mkdtempSync(join(tmpdir(), 'simian-output-'));
    expect((await refusal('scan', 'x.yaml', '--output-file', dir)).message).toBe(
      `--output-file ${dir} is a folder, not a file`,
    );
  });

  it('checks each --reporter: a known name, a format of the command with a file, events where there are some', async () => {
    expect(await refusal('scan', 'x.yaml', '--reporter', 'nosuch=x')).toMatchObject({
      message: 'there is no reporter named "nosuch"',
      hint: 'reporters: table, json, junit, sarif, markdown, html, pdf, csv, ocsf, policyreport, openreports, webhook, slack, files, s3, cluster-reports, metrics',
    });
    expect(await refusal('scan', 'x.yaml', '--reporter', 'sarif')).toMatchObject({
      message: '--reporter sarif needs a file',
      hint: 'write --reporter sarif=PATH',
    });
    expect((await refusal('scan', 'x.yaml', '--reporter', 'slack=x')).message).toBe(
      '--reporter slack does not apply to simian scan, which runs no monkeys and has no events',
    );
    expect(
      (await refusal('scan', 'x.yaml', '--reporter', 'webhook=http://127.0.0.1:1/')).message,
    ).toBe(
      '--reporter webhook does not apply to simian scan, which runs no monkeys and has no events',
    );
    expect((await refusal('run', '--reporter', 'webhook=ftp://x')).message).toMatch(
      /^options of the webhook reporter: url:/,
    );
  });

  it('lets through what the command can do (its action runs)', async () => {
    expect((await refusal('plan', '-o', 'json')).message).toBe('the action ran');
    expect(
      (await refusal('-o', 'sarif', 'scan', 'x.yaml', '--reporter', 'junit=out.xml')).message,
    ).toBe('the action ran');
    expect((await refusal('run', '--reporter', 'webhook=http://127.0.0.1:1/hook')).message).toBe(
      'the action ran',
    );
    expect((await refusal('schema')).message).toBe('the action ran');
  });

  it("lists each command's formats and flags in its help", () => {
    const program = buildProgram();
    const help = (name: string) => {
      let out = '';
      const command = program.commands.find((c) => c.name() === name)!;
      command.configureOutput({ writeOut: (s) => (out += s) });
      command.outputHelp();
      return out;
    };
    const findingsFormats = `Output: -o ${'table, json, junit, sarif, markdown, html, pdf, csv, ocsf, policyreport, openreports'.split(', ').join('|')} (default table)`;
    expect(help('scan')).toContain(findingsFormats);
    expect(help('plan')).toContain(findingsFormats);
    expect(help('plan')).toContain('--reporter <name=target>');
    expect(help('schema')).toContain('Output: -o json (default json)');
  });
});
