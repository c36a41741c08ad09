// Lint: typescript-eslint with type information, for the rules that need it (a promise
// nobody awaits, a switch that misses a union member). Formatting is Prettier's
// (.prettierrc.json); unused files and exports are knip's (knip.json). `npm run lint`
// runs all three, `npm run lint:fix` fixes what they can.

import tseslint from 'typescript-eslint';
import { noUnexplainedDoubleCast } from './scripts/eslint-rules/no-unexplained-double-cast.mjs';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/dashboard/**', 'bench/**', '**/*.mjs'] },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // One program for the whole repository (tsconfig.json): faster than a service per file.
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, llmux: { rules: { 'no-unexplained-double-cast': noUnexplainedDoubleCast } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'llmux/no-unexplained-double-cast': 'error',
    },
  },
);
