import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * `npm run lint` (part of `npm test`): ESLint's and typescript-eslint's recommended rules, which catch
 * mistakes (unused code, unsafe patterns), not style. Types are tsc's job (`npm run typecheck`), so no
 * rule here needs type information, and the run stays cheap.
 */
export default defineConfig([
  globalIgnores(['**/dist/', 'packages/widgets/bundle/', '**/generated/', 'test-artifacts/', 'data/', '.tap/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a value left unused on purpose (a destructured field dropped, a parameter a
      // signature requires); so does the rest sibling of an object spread that removes fields.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Tests read JSON bodies loosely.
  { files: ['**/test/**', '**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // TypeScript knows each file's globals; the JavaScript files say where they run.
  { files: ['examples/**/*.js', 'packages/api/src/http/api-docs/*.js'], languageOptions: { globals: globals.browser } },
  { files: ['**/*.mjs', '*.js'], languageOptions: { globals: globals.node } },
])
