/**
 * The SDK's answer as plain JSON: timestamps become ISO strings (the SDK hands out `Date`s) and
 * the response `$metadata` goes, so rules see the shapes the AWS API documentation shows.
 */
export function toPlain<T>(value: T): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === '$metadata' ? undefined : v)),
  ) as unknown;
}

/** `[{ Key, Value }]` → `{ Key: Value }`. */
export function tagsToRecord(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** `{ Key: Value }` → `[{ Key, Value }]`. */
export function recordToTags(
  record: Record<string, string>,
): Array<{ Key: string; Value: string }> {
  return Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
}
