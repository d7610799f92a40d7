import type { Command } from 'commander';
import { commandOutput, withOutput } from '../output.js';
import { loadRegistry } from '../registry.js';

export function registerFeatures(program: Command): void {
  const features = program
    .command('features')
    .description('The packages this simian is made of, one line each, and what each contributes.')
    .action(async (_o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const registry = await loadRegistry();
      out.write({
        kind: 'features',
        data: registry.features().map(({ feature, contributes }) => ({
          name: feature.name,
          description: feature.description,
          monkeys: contributes.monkeys,
          providers: contributes.providers,
          activities: contributes.activities.length,
        })),
      });
    });
  withOutput(features, ['features']);
}
