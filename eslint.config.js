import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Where code runs is visible in its path; these zones keep the layers apart (docs/ARCHITECTURE.md). */
const electronOnly = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'.",
}
/** TensorFlow.js comes in through one module, so which package provides it is decided once. */
const tfjsDirect = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'].map(
  (name) => ({ name, message: 'Import tfjs from electron/training/tf.ts.' }),
)

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing outside itself.',
            },
            { group: ['node:*'], message: 'shared/ runs anywhere: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'renderer/ reaches the backend only through renderer/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly, ...tfjsDirect] }] },
  },
  {
    files: ['electron/training/tf.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
