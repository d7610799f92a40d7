import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The SDKs stay inside their provider and core imports none of the packages built on it
// (DESIGN.md, "Dependency direction"). Later entries override earlier ones for the same files.
function fence(files, ignores, banned, message) {
  return {
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: banned, message }] }] },
  };
}
const sdkOnlyInProvider = 'SDKs are imported only inside their provider package (DESIGN.md).';

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
          message: 'Use named exports (DESIGN.md habit 8).',
        },
      ],
    },
  },
  // Tool configs must default-export; that is their contract, not ours.
  { files: ['*.config.ts', '*.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  fence(
    ['packages/*/src/**/*.ts'],
    ['packages/provider-*/**', 'packages/sandbox/**'],
    ['@kubernetes/*', '@aws-sdk/*'],
    sdkOnlyInProvider,
  ),
  fence(['packages/provider-kubernetes/src/**/*.ts'], [], ['@aws-sdk/*'], sdkOnlyInProvider),
  fence(['packages/provider-aws/src/**/*.ts'], [], ['@kubernetes/*'], sdkOnlyInProvider),
  fence(
    ['packages/core/src/**/*.ts'],
    [],
    ['@simian/*', '@kubernetes/*', '@aws-sdk/*'],
    'core imports no other Simian package, provider or SDK (DESIGN.md).',
  ),
  fence(
    ['packages/*-monkey/src/**/*.ts'],
    [],
    ['@simian/*-monkey', '@kubernetes/*', '@aws-sdk/*'],
    'a monkey never imports another monkey or an SDK (DESIGN.md).',
  ),
);
