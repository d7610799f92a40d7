import type { FeatureView } from '../data/commands.js';
import { Lines } from './columns.js';

/** `simian features`: one line per package, with what it contributes. */
export function featuresForPeople(features: FeatureView[]): string {
  const contributes = (f: FeatureView) =>
    [
      ...f.monkeys.map((m) => `monkey ${m}`),
      ...f.providers.map((p) => `provider ${p}`),
      ...(f.activities ? [`${f.activities} activities`] : []),
    ].join(', ');
  return new Lines()
    .table(
      ['feature', 'contributes', 'what it does'],
      features.map((f) => [f.name, contributes(f), f.description]),
    )
    .text();
}
