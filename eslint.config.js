import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * `npm run lint` (part of `npm test`): ESLint's and typescript-eslint's recommended rules, which catch
 * mistakes (unused code, unsafe patterns), not style. Types are tsc's job (`npm run typecheck`), so no
 * rule here needs type information, and the run stays cheap.
 */
/** What no API file may import; `more` adds a domain's own restrictions (a rule's options do not merge). */
function apiImportRestrictions(more = []) {
  return {
    paths: [
      { name: '@wegov/widgets', message: 'The API does not depend on the widgets.' },
      { name: '@wegov/portal', message: 'The API does not depend on the portal: scripts/compose.ts puts them together.' },
    ],
    patterns: [
      { group: ['**/examples/**', '**/examples'], message: 'The API imports nothing from examples/.' },
      { group: ['**/packages/widgets/**', '**/widgets/src/**', '**/widgets/bundle/**'], message: 'The API imports nothing from packages/widgets.' },
      ...more,
    ],
  }
}

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
  // The API stands alone (docs/ARCHITECTURE.md): the portal and the widgets are built on it, never the
  // reverse. It imports nothing from examples/ or packages/widgets, and names no path into them (a file
  // URL or a static root); test/api-independence.test.ts checks the same on the files themselves.
  {
    files: ['packages/api/src/**'],
    rules: {
      'no-restricted-imports': ['error', apiImportRestrictions()],
      'no-restricted-syntax': [
        'error',
        {
          selector: String.raw`:matches(Literal[value=/(^|\/)(examples|packages\/widgets|widgets\/bundle)(\/|$)/], TemplateElement[value.raw=/(^|\/)(examples|packages\/widgets|widgets\/bundle)(\/|$)/])`,
          message: 'The API reads no path into examples/ or packages/widgets: the portal serves those files (examples/portal/server).',
        },
      ],
    },
  },
  // Signatures build on petitions (a signature is a petition's), never the reverse: the petitions domain
  // reads counts through app.signatures, and imports nothing of the signatures domain.
  {
    files: ['packages/api/src/domains/petitions/**'],
    rules: {
      'no-restricted-imports': ['error', apiImportRestrictions([{ group: ['**/signatures/**'], message: 'Petitions do not import the signatures domain: use app.signatures.' }])],
    },
  },
  // Tests read JSON bodies loosely.
  { files: ['**/test/**', '**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // TypeScript knows each file's globals; the JavaScript files say where they run.
  { files: ['examples/**/*.js', 'packages/api/src/http/api-docs/*.js'], languageOptions: { globals: globals.browser } },
  { files: ['**/*.mjs', '*.js'], languageOptions: { globals: globals.node } },
])
