import { ActionFailedError } from '@simian/core';
import { pythonRegex, type PythonFunction } from '@simian/experiments';
import { z } from 'zod';

/** The dotted name experiments call. */
export const SHOULD_BE_FOUND_IN_LOGS = 'chaosk8s.pod.probes.should_be_found_in_logs';

const argumentsSchema = z.strictObject({
  /** A Python regular expression searched in each container's log. */
  pattern: z.string().min(1),
  /** Every container must match (else one is enough). @default true */
  all_containers: z.boolean().default(true),
  /** The output of read_pod_logs, `{name: log}`: chaoslib passes it when this is a tolerance. */
  value: z.record(z.string(), z.string()).nullish(),
});

/**
 * `chaosk8s.pod.probes.should_be_found_in_logs`: a tolerance probe over `read_pod_logs`' output.
 * True when the pattern is found in every log (or in one, without `all_containers`), else false;
 * with no logs to search it fails, as the Python function does. Reads nothing itself.
 */
export const shouldBeFoundInLogs: PythonFunction<typeof argumentsSchema> = {
  description:
    "A tolerance over read_pod_logs' output: true when the pattern is found in every (or one) container's log.",
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [],
  // Usually a tolerance probe of read_pod_logs, which passes `value`; shown here called directly.
  example: {
    type: 'probe',
    name: 'restart-is-in-the-logs',
    tolerance: true,
    provider: {
      type: 'python',
      module: 'chaosk8s.pod.probes',
      func: 'should_be_found_in_logs',
      arguments: { pattern: 'shutting down', value: { 'web-1': '... shutting down ...' } },
    },
  },
  async run(args) {
    const logs = Object.values(args.value ?? {});
    if (logs.length === 0) throw new ActionFailedError('no logs to search from');
    const re = pythonRegex(args.pattern);
    const matched = logs.filter((log) => re.test(log)).length;
    return args.all_containers ? matched === logs.length : matched > 0;
  },
};
