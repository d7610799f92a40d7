import { SimianError } from '@simian/core';
import type { ScanResult } from '../scan.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { type SarifOptions, formatSarif } from './sarif.js';
import { formatTable } from './table.js';

/** The output formats of `simian scan --output`. */
export const SCAN_OUTPUT_FORMATS = ['table', 'json', 'junit', 'sarif'] as const;

/** One of {@link SCAN_OUTPUT_FORMATS}. */
export type ScanOutputFormat = (typeof SCAN_OUTPUT_FORMATS)[number];

/** Renders a scan in the given format. */
export function formatScan(
  result: ScanResult,
  format: ScanOutputFormat,
  options: SarifOptions = {},
): string {
  switch (format) {
    case 'table':
      return formatTable(result);
    case 'json':
      return formatJson(result);
    case 'junit':
      return formatJunit(result);
    case 'sarif':
      return formatSarif(result, options);
    default:
      throw new SimianError('INPUT_INVALID', `unknown output format "${String(format)}"`, {
        hint: `use one of ${SCAN_OUTPUT_FORMATS.join(', ')}`,
      });
  }
}

export { formatJson, formatJunit, formatSarif, formatTable };
export type { SarifOptions };
