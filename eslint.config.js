import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The package graph of docs/architecture.md, enforced: SDKs stay inside their provider, core
// imports no package built on it, no monkey imports another, no provider imports a monkey, nothing
// imports the CLI, and the test helpers never reach run-time code. Later entries override earlier
// ones for the same files, so each fence lists every ban its files have.
function fence(files, ignores, bans) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: bans.map(([group, message]) => ({ group, message })) },
      ],
    },
  };
}
const see = ' (docs/architecture.md)';
const SDK_K8S = [
  ['@kubernetes/*'],
  `the Kubernetes SDK is imported only in provider-kubernetes${see}`,
];
const SDK_AWS = [['@aws-sdk/*'], `the AWS SDK is imported only in provider-aws${see}`];
const CLI = [['@simian/cli', '@simian/cli/*'], `nothing imports the CLI${see}`];
const TESTING = [
  ['@simian/testing', '@simian/testing/*'],
  `@simian/testing is for tests only, never run-time code${see}`,
];
const SANDBOX = [['@simian/sandbox'], `only the CLI and tests use the sandbox${see}`];
const MONKEYS = [['@simian/*-monkey'], `monkeys are used only by the CLI${see}`];
const PACKAGES = [['@simian/*'], `core imports no other Simian package${see}`];
const runtime = ['packages/*/src/**/*.ts'];
const tests = ['**/*.test.ts', '**/__fixtures__/**'];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.turbo/**', '.simian/**', 'policies/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        URL: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (docs/architecture.md).',
        },
      ],
    },
  },
  // Type-aware rules: the ledger and the rollback depend on every promise being awaited.
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // Tool configs must default-export; that is their contract, not ours.
  { files: ['*.config.ts', '*.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  fence(
    runtime,
    [
      ...tests,
      'packages/cli/**',
      'packages/provider-*/**',
      'packages/sandbox/**',
      'packages/testing/**',
    ],
    [SDK_K8S, SDK_AWS, CLI, TESTING, SANDBOX, MONKEYS],
  ),
  fence(['packages/cli/src/**/*.ts'], tests, [SDK_K8S, SDK_AWS, TESTING]),
  // Fast start: every file of the CLI is loaded by `simian --help`, so none imports another
  // package's values at its top (types are free); a command's action imports what it needs with
  // `await import()`. The heavy helpers below are themselves imported that way.
  {
    files: ['packages/cli/src/**/*.ts'],
    ignores: [
      ...tests,
      'packages/cli/src/permissions.ts',
      'packages/cli/src/config-reference.ts',
      'packages/cli/src/deploy-rbac.ts',
      'packages/cli/src/rbac-report.ts',
      'packages/cli/src/experiment-source.ts',
      'packages/cli/src/chart.ts',
      'packages/cli/src/catalogue.ts',
      'packages/cli/src/chromium.ts',
      'packages/cli/src/metrics-server.ts',
      'packages/cli/src/activity-reference.ts',
      'packages/cli/src/docs/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@simian/*',
                'zod',
                'yaml',
                'js-yaml',
                'pino',
                'pino-pretty',
                'better-sqlite3',
              ],
              allowTypeImports: true,
              message:
                'the CLI imports this in the action that needs it, with await import(), so `simian --help` stays fast (docs/performance.md)',
            },
            {
              group: [
                './permissions.js',
                '../permissions.js',
                './config-reference.js',
                './deploy-rbac.js',
                './rbac-report.js',
                '../rbac-report.js',
                './experiment-source.js',
                '../experiment-source.js',
                './chart.js',
                './catalogue.js',
                '../catalogue.js',
                './chromium.js',
                '../chromium.js',
                './metrics-server.js',
                '../metrics-server.js',
              ],
              allowTypeImports: true,
              message: 'a heavy helper: import it with await import() in the action',
            },
          ],
        },
      ],
    },
  },
  fence(['packages/provider-kubernetes/src/**/*.ts'], tests, [
    SDK_AWS,
    CLI,
    TESTING,
    SANDBOX,
    MONKEYS,
  ]),
  fence(['packages/provider-aws/src/**/*.ts'], tests, [SDK_K8S, CLI, TESTING, SANDBOX, MONKEYS]),
  fence(['packages/sandbox/src/**/*.ts'], tests, [CLI, TESTING, MONKEYS]),
  fence(['packages/core/src/**/*.ts'], tests, [PACKAGES, SDK_K8S, SDK_AWS]),
  fence(['packages/reporting/src/**/*.ts'], tests, [
    [['@simian/*', '!@simian/core'], `reporting imports only core${see}`],
    SDK_K8S,
    SDK_AWS,
  ]),
  fence(['packages/*-monkey/src/**/*.ts'], tests, [
    [['@simian/*-monkey'], `a monkey never imports another monkey${see}`],
    [['@simian/provider-*'], `a monkey reaches providers through core's interfaces${see}`],
    SDK_K8S,
    SDK_AWS,
    CLI,
    TESTING,
    SANDBOX,
  ]),
  fence(['packages/experiments/src/**/*.ts', 'packages/activities/src/**/*.ts'], tests, [
    [['@simian/provider-*'], `activities reach providers through core's interfaces${see}`],
    SDK_K8S,
    SDK_AWS,
    CLI,
    TESTING,
    SANDBOX,
    MONKEYS,
  ]),
);
