import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'libs/proto/src/gen/**', '.local-stack/**', 'coverage/**', 'charts/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      // Services never import each other; libs hold no service code. See docs/decisions/0002-nx-module-boundaries.md.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:util', 'type:testing'] },
            { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:util', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:leads-contacts', onlyDependOnLibsWithTags: ['scope:leads-contacts', 'scope:shared'] },
            { sourceTag: 'scope:deals-pipelines', onlyDependOnLibsWithTags: ['scope:deals-pipelines', 'scope:shared'] },
            { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:shared'] },
            { sourceTag: 'scope:sync', onlyDependOnLibsWithTags: ['scope:sync', 'scope:shared'] },
            { sourceTag: 'scope:calendar-tasks', onlyDependOnLibsWithTags: ['scope:calendar-tasks', 'scope:shared'] },
            { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:notifications', 'scope:shared'] },
            // type:testing is reachable only from test files: no-restricted-imports below bans it in production code.
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'], bannedExternalImports: ['@nestjs/*', 'pg', 'kysely', 'mongoose', 'kafkajs'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: ['@nestjs/*'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:util', 'type:testing'] },
            // e2e drives the system from outside; it may use platform libs as a client (e.g. an idempotent consumer), never service code.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:util', 'type:platform'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:util', 'type:platform'] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Configuration is parsed once (libs/config); nothing else reads the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through a *.config.ts schema (libs/config).' }],
    },
  },
  {
    // The e2e harness passes the caller's environment (PATH) on to the processes it starts.
    files: ['**/*.config.ts', 'libs/config/src/**/*.ts', 'e2e/support/service-process.ts', 'e2e/support/run-id.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Black-box tests read untyped JSON responses.
    files: ['e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Test helpers stay out of production code.
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.test-setup.ts', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@crm/testing', message: 'libs/testing is for tests only.' }] }] },
  },
);
