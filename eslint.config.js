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

/**
 * Syntax no API file may use; `more` adds restrictions (a rule's options do not merge). The base one: no path
 * into examples/ or packages/widgets (the portal serves those files).
 */
function apiSyntaxRestrictions(more = []) {
  return [
    'error',
    {
      selector: String.raw`:matches(Literal[value=/(^|\/)(examples|packages\/widgets|widgets\/bundle)(\/|$)/], TemplateElement[value.raw=/(^|\/)(examples|packages\/widgets|widgets\/bundle)(\/|$)/])`,
      message: 'The API reads no path into examples/ or packages/widgets: the portal serves those files (examples/portal/server).',
    },
    ...more,
  ]
}

/** A Kysely query (or join) on one of `tables`, outside the domain that owns them (docs/ARCHITECTURE.md, Accounts). */
function tablesOwnedBy(domain, tables, door) {
  return {
    selector: String.raw`CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)$/] > Literal[value=/^(${tables.join('|')})( as \w+)?$/]`,
    message: `The ${domain} domain owns this table: call its public modules (${door}), never SQL of your own.`,
  }
}
const ACCOUNTS_TABLES = tablesOwnedBy('accounts', ['people', 'api_keys', 'sessions', 'sign_in_codes', 'passkeys', 'webauthn_challenges'], 'domains/accounts/people-directory.ts, expired-sign-ins.ts')
const ORGANISATIONS_TABLES = tablesOwnedBy('organisations', ['organisations', 'memberships', 'invitations', 'organisation_applications'], 'domains/organisations/organisation-refs.ts, organisation-store.ts, mail-facts.ts')

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
      'no-restricted-syntax': apiSyntaxRestrictions([ACCOUNTS_TABLES, ORGANISATIONS_TABLES]),
    },
  },
  // Each domain owns its tables (issue 15): only accounts queries accounts' tables, only organisations
  // organisations'. Still exempt: the demo loader, migrations, and the list and search queries that join
  // owners for their keyset pages (separate work).
  { files: ['packages/api/src/domains/accounts/**'], rules: { 'no-restricted-syntax': apiSyntaxRestrictions([ORGANISATIONS_TABLES]) } },
  { files: ['packages/api/src/domains/organisations/**'], rules: { 'no-restricted-syntax': apiSyntaxRestrictions([ACCOUNTS_TABLES]) } },
  {
    files: [
      'packages/api/src/demo/**',
      'packages/api/src/db/**',
      'packages/api/src/domains/projects/project-repository.ts',
      'packages/api/src/domains/resources/resource-repository.ts',
      'packages/api/src/domains/petitions/petition-repository.ts',
      'packages/api/src/domains/changes/deletion-repository.ts',
    ],
    rules: { 'no-restricted-syntax': apiSyntaxRestrictions() },
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
