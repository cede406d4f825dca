import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Where code runs is visible in its path; these zones keep the layers apart (HOUSE_STYLE §3). */
const electronOnly = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'.",
}
/** The umbrella package drags in WebGL, the converter and tf.data; see electron/training/tf.ts. */
const tfjsUmbrella = {
  name: '@tensorflow/tfjs',
  message: 'Import tfjs from electron/training/tf.ts (core, layers and the CPU backend).',
}

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
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly, tfjsUmbrella] }] },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
