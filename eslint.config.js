import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Where code runs is visible in its path; these zones keep the layers apart (docs/ARCHITECTURE.md). */
const electronOnly = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'.",
}
/** TensorFlow.js comes in through one module, so which package provides it is decided once. */
const tfjsDirect = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'].map(
  (name) => ({ name, message: 'Import tfjs from electron/training/common/tf.ts.' }),
)

/** Tests may reach across the process boundary to set things up. */
const TEST_FILES = ['**/*.test.ts', '**/*.testUtil.ts']

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
    files: ['electron/training/common/tf.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  {
    // The training worker never touches SQLite, the services or main-side supervision: main
    // persists what it reports. (Error classification in db/storageFaults is plain code.)
    files: ['electron/training/worker/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/services/**', '**/db/**', '!**/db/storageFaults'],
              message:
                'electron/training/worker runs in the training worker: no SQLite, services or training/main.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The service process supervises training; the loop itself, its callbacks, kernels and
    // compute engines load only in the worker (onnx inference and the pure data helpers may).
    files: [
      'electron/training/main/**/*.ts',
      'electron/services/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/bridge/**/*.ts',
      'electron/main/**/*.ts',
    ],
    ignores: TEST_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...[
                  'worker',
                  'workerServer',
                  'workerJobs',
                  'trainer',
                  'trainerData',
                  'evaluationEngine',
                ].map((file) => `**/worker/${file}`),
                '**/worker/callbacks/**',
                // The callback interface and monitorValue (the run's "best epoch" rule), and the
                // checkpoint file's header reader, are plain code main needs too.
                '!**/worker/callbacks/callback',
                '!**/worker/callbacks/checkpointFile',
                '**/worker/kernels/**',
                '**/worker/backend/**',
                '**/worker/engine/*',
                '!**/worker/engine/types',
                '!**/worker/engine/onnx',
              ],
              message:
                'The training loop, its callbacks, kernels, backends and engines run in the worker (electron/training/worker); talk to it through training/common/protocol.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
