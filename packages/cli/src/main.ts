import { runCli } from './cli.js';

// `simian schema | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// The AWS SDK warns once per process that Node 20 support ends; that says nothing about the run,
// and a CronJob's log is not the place for it. Every other warning is still printed.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!`${w.name} ${w.message}`.includes('NodeVersionSupportWarning'))
    process.stderr.write(`${w.name}: ${w.message}\n`);
});

process.exitCode = await runCli(process.argv);

// The command has ended: a socket or timer something left open must not keep the process (and the
// CronJob) alive. The timer is unref'd, so a process with nothing left open exits at once.
setTimeout(() => process.exit(), 2000).unref();
