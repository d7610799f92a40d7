import { Option, type Command } from 'commander';

/**
 * Adds `--dry-run` and `--no-dry-run` to `command`, and refuses both at once before anything runs.
 * Commander keeps the last of two contradictory flags, so `--dry-run --no-dry-run` would act for
 * real: a person who typed both has not said what they want, and Simian must not guess "act".
 */
export function addDryRunFlags(command: Command, help: { dryRun: string; noDryRun: string }) {
  const seen = new Set<string>();
  command
    .addOption(new Option('--dry-run', help.dryRun))
    .addOption(new Option('--no-dry-run', help.noDryRun))
    .on('option:dry-run', () => seen.add('--dry-run'))
    .on('option:no-dry-run', () => seen.add('--no-dry-run'))
    .hook('preAction', async () => {
      if (seen.size > 1) {
        const { SimianError } = await import('@simian/core');
        throw new SimianError('INPUT_INVALID', '--dry-run and --no-dry-run contradict each other', {
          hint: 'give one of them: --dry-run to change nothing, --no-dry-run to act for real',
        });
      }
    });
  return command;
}
