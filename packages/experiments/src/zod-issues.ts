import type { z } from 'zod';
import type { ConfigIssue } from '@simian/core';

/**
 * A value's problems against a schema, as `ConfigIssue`s whose paths are relative to the value
 * (the caller prefixes where the value sits in the experiment).
 */
export function zodIssues(schema: z.ZodType, value: unknown, prefix = ''): ConfigIssue[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => toIssue(issue, prefix));
}

export function toIssue(issue: z.core.$ZodIssue, prefix = ''): ConfigIssue {
  const path = joinPath(prefix, issue.path.map(String).join('.'));
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}` };
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = `is required (${message.replace(/^Invalid input: /, '')})`;
  } else if (issue.input !== undefined && typeof issue.input !== 'object') {
    const given = JSON.stringify(issue.input);
    if (!message.includes(given)) message = `${message}, but ${given} was given`;
  }
  return { path, message };
}

export function joinPath(prefix: string, rest: string): string {
  return [prefix, rest].filter(Boolean).join('.');
}
