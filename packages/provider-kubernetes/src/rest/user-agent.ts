import { readFileSync } from 'node:fs';

/**
 * What Simian calls itself to the API server: `simian/<version>`. It names Simian's requests in
 * the server's audit log and metrics, apart from the controllers' and kubectl's (the sandbox's
 * dry-run proof filters on it). The version is this package's, read from its package.json, which
 * sits two folders up from src/rest/ and dist/rest/ alike.
 */
export const simianUserAgent = `simian/${
  (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version
}`;
