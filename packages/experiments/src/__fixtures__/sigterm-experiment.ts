// Child process for the SIGTERM test: runs an experiment whose method pauses for a minute, with
// abortOnSignals() wired as the CLI does. The parent sends SIGTERM during the pause; this process
// must roll back (a rollback writes the marker file), write its journal, and exit.
import { abortOnSignals } from '@simian/core';
import { createLogger } from '@simian/core';
import { createActivityRegistry } from '../builtins.js';
import { experimentExitCode, writeJournalFile } from '../journal.js';
import { runExperiment } from '../run.js';
import { experimentSchema } from '../schema.js';
import { startToyService } from '@simian/testing';

const [journalPath, markerPath] = process.argv.slice(2);
const svc = await startToyService();
const experiment = experimentSchema.parse({
  title: 'interrupted during the method',
  description: 'the method stops the service, then pauses; SIGTERM arrives during the pause',
  'steady-state-hypothesis': {
    title: 'service answers',
    probes: [
      {
        type: 'probe',
        name: 'health',
        tolerance: 200,
        provider: { type: 'http', url: `${svc.url}/health` },
      },
    ],
  },
  method: [
    {
      type: 'action',
      name: 'stop-the-service',
      provider: { type: 'http', url: `${svc.url}/stop` },
      pauses: { after: 60 },
    },
    { type: 'action', name: 'never-reached', provider: { type: 'process', path: 'true' } },
  ],
  rollbacks: [
    {
      type: 'action',
      name: 'write-marker',
      provider: { type: 'process', path: 'touch', arguments: [markerPath] },
    },
    {
      type: 'action',
      name: 'restart-the-service',
      provider: { type: 'http', url: `${svc.url}/start` },
    },
  ],
});
const { signal, dispose } = abortOnSignals();
const journal = await runExperiment(experiment, {
  activities: createActivityRegistry(),
  signal,
  logger: createLogger({ level: 'info', format: 'json', destination: process.stdout }),
});
dispose();
writeJournalFile(journalPath!, journal);
process.stdout.write(`service up after rollbacks: ${svc.up}\n`);
await svc.close();
process.exit(experimentExitCode(journal));
