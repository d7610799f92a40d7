import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';
import { CONFIG_SCHEMA_FILE } from '../schema-file.js';

export function registerSchema(program: Command): void {
  const schema = program
    .command('schema')
    .description('Print the JSON Schema of simian.yaml, for editors and CI linters.')
    .addHelpText(
      'after',
      '\nExample (VS Code YAML extension):\n  simian schema > simian.schema.json\n  # then, first line of simian.yaml:\n  # yaml-language-server: $schema=./simian.schema.json',
    )
    .action(async (_o: unknown, command: Command) => {
      // The schema of every feature, written by `npm run docs:config`: printing it loads none.
      const text = readFileSync(CONFIG_SCHEMA_FILE, 'utf8');
      const opts = program.opts<GlobalOptions>();
      if (opts.output === undefined && opts.outputFile === undefined) {
        process.stdout.write(text);
        return;
      }
      (await commandOutput(command)).write({
        kind: 'config-schema',
        data: JSON.parse(text) as unknown,
      });
    });
  withOutput(schema, ['config-schema']);
}
