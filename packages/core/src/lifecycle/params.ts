import { z } from 'zod';

/**
 * The one parameter shape of the `mark` verb, whatever the provider: the key/value pairs to set.
 * The provider decides where they live (annotations on Kubernetes, tags on AWS) and reads them back
 * into `Resource.marks`. Other marks on the resource stay as they are.
 */
export const markParamsSchema = z.strictObject({
  marks: z
    .record(z.string().min(1), z.string())
    .refine((m) => Object.keys(m).length > 0, 'give at least one mark'),
});
/** Params of the `mark` verb. */
export type MarkParams = z.output<typeof markParamsSchema>;

/** The one parameter shape of the `unmark` verb: the mark keys to remove. */
export const unmarkParamsSchema = z.strictObject({
  keys: z.array(z.string().min(1)).min(1),
});
/** Params of the `unmark` verb. */
export type UnmarkParams = z.output<typeof unmarkParamsSchema>;
