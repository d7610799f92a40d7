import { SimianError } from '@simian/core';
import type { ComplianceReport } from '../data/compliance.js';
import { reporterNamed } from '../registry.js';
import { readOptions } from '../registry.js';

/** The file extension and content type of each format a sink writes. */
export const FORMAT_FILES: Record<string, { ext: string; type: string }> = {
  html: { ext: 'html', type: 'text/html; charset=utf-8' },
  pdf: { ext: 'pdf', type: 'application/pdf' },
  json: { ext: 'json', type: 'application/json' },
  markdown: { ext: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
  sarif: { ext: 'sarif', type: 'application/sarif+json' },
  junit: { ext: 'xml', type: 'application/xml' },
  ocsf: { ext: 'ocsf.json', type: 'application/json' },
  policyreport: { ext: 'policyreport.json', type: 'application/json' },
  openreports: { ext: 'openreports.json', type: 'application/json' },
  table: { ext: 'txt', type: 'text/plain; charset=utf-8' },
};

/** Checks at start that each format can render a compliance report; a typo fails before any run. */
export function checkSinkFormats(
  formats: readonly string[],
  where: string,
  allowPdf: boolean,
): void {
  for (const format of formats) {
    const reporter = reporterNamed(format);
    if (!reporter.kinds.includes('compliance') || !FORMAT_FILES[format]) {
      throw new SimianError('CONFIG_INVALID', `${where}: "${format}" is not a report format`, {
        hint: `use one of ${Object.keys(FORMAT_FILES)
          .filter((f) => allowPdf || f !== 'pdf')
          .join(', ')}`,
      });
    }
    if (format === 'pdf' && !allowPdf) {
      throw new SimianError('CONFIG_INVALID', `${where}: pdf cannot be written here`, {
        hint: 'write html; a browser prints it',
      });
    }
  }
}

/** Renders `report` in `format` with the format's default options. */
export function renderCompliance(format: string, report: ComplianceReport): string {
  const reporter = reporterNamed(format);
  return reporter.render({ kind: 'compliance', data: report }, readOptions(reporter, {}));
}
