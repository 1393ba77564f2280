import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const impureCalls = [
  { object: 'Math', property: 'random', message: 'Use the seeded RNG from src/sim/rng.ts.' },
  { object: 'Date', property: 'now', message: 'The model owns simulated time; no wall clock.' },
  {
    object: 'performance',
    property: 'now',
    message: 'The model owns simulated time; no wall clock.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'test-results', 'playwright-report', 'node_modules', '.check'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The model must run identically in Node, a Web Worker and tests: no UI, no wall clock,
    // no unseeded randomness.
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'react',
            'react-dom',
            'react-dom/client',
            'zustand',
            '@xstate/react',
            'recharts',
          ].map((name) => ({
            name,
            message: 'src/sim is the pure model: no UI or store imports.',
          })),
          patterns: [
            {
              group: ['**/ui/**', '**/features/**', '**/store/**', '**/app/**', '**/worker/**'],
              message: 'src/sim may not import from layers above it.',
            },
          ],
        },
      ],
      'no-restricted-properties': ['error', ...impureCalls],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
