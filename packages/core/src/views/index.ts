/**
 * Typed views a provider fills on a `Resource` for the kinds it knows, so monkeys know their
 * domain without knowing any provider's API objects. One file per view; a view is added by one
 * file and one line in {@link ResourceViews}. Every field is what the provider read, never a guess:
 * a view that cannot be filled is absent, and a monkey treats absence as "unknown".
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the views change
export interface ResourceViews {
  // Views are added here, one line each (see docs/architecture.md, "Where to add a view").
}
