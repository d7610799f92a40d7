import type { Command } from 'commander';
import { configJsonSchema } from '@simian/core';
import { defaultRegistry } from '../registry.js';
import { commandOutput, withOutput } from '../output.js';

export function registerSchema(program: Command): void {
  const schema = program
    .command('schema')
    .description('Print the JSON Schema of simian.yaml, for editors and CI linters.')
    .addHelpText(
      'after',
      '\nExample (VS Code YAML extension):\n  simian schema > simian.schema.json\n  # then, first line of simian.yaml:\n  # yaml-language-server: $schema=./simian.schema.json',
    )
    .action((_o: unknown, command: Command) =>
      commandOutput(command).write({
        kind: 'config-schema',
        data: configJsonSchema(defaultRegistry()),
      }),
    );
  withOutput(schema, ['config-schema']);
}
