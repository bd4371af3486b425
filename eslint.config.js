// @ts-check
/**
 * Lint holds the layers described in README.md ("Layout"). The layer rules are written in terms of
 * the top-level folders (src/domain, src/store, ...), never of single files, so files can move
 * inside a layer without touching this config.
 *
 * - import-x/no-restricted-paths: which layer may import which (paths resolved like TypeScript does).
 * - @typescript-eslint/no-restricted-imports: the one rule that depends on the kind of import
 *   (src/http may import types, and only types, from src/store).
 * - import-x/no-cycle: no runtime import cycle in src/ or web/src/ (type-only imports are erased
 *   at build time and are not followed).
 *
 * Tests (*.test.ts, *.int.test.ts, *.contract.ts, *.testkit.ts, test/, e2e/, bench/) are harnesses:
 * they may cross layers, so the layer and cycle rules skip them.
 */
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

const tests = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.int.test.ts',
  '**/*.contract.ts',
  '**/*.testkit.ts',
  'test/**',
  'e2e/**',
  'bench/**',
];

/** Every folder under web/src/features is a feature: a new one is covered without editing this file. */
const features = fs
  .readdirSync(path.join(root, 'web/src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureEntries = (except = '') => features.filter((feature) => feature !== except).map((feature) => `./${feature}/index.ts`);

/** Server layers (src/). `from` and `except` are paths relative to the repository root. */
const serverZones = [
  {
    target: 'src/domain',
    from: '.',
    except: ['./src/domain', './node_modules'],
    message: 'src/domain is pure: it imports only src/domain, node built-ins and npm packages.',
  },
  {
    target: 'src/store',
    from: ['src/usecases', 'src/http', 'src/jobs', 'src/sandbox'],
    message: 'src/store is below the use cases: it never imports src/usecases, src/http, src/jobs or src/sandbox.',
  },
  {
    target: 'src/channels',
    from: ['src/store', 'src/usecases'],
    message: "src/channels is Meta's wire formats: it never imports src/store or src/usecases.",
  },
  {
    target: 'src/usecases',
    from: 'src/http',
    message: 'Use cases do not know about HTTP: src/usecases never imports src/http.',
  },
  {
    target: 'src/sandbox',
    from: ['src/store', 'src/usecases', 'src/http', 'src/jobs', 'src/realtime'],
    message: 'The sandbox reaches Braid only through HTTP and its own port: no src/store, src/usecases, src/http, src/jobs or src/realtime.',
  },
];

/** Web app layers (web/src/). */
const webZones = [
  {
    target: ['web/src/components', 'web/src/lib'],
    from: 'web/src/features',
    message: 'web/src/components and web/src/lib are shared by the features and never import them.',
  },
  {
    target: 'web/src/app',
    from: 'web/src/features',
    except: featureEntries(),
    message: 'web/src/app imports a feature only through its index.ts.',
  },
  ...features.map((feature) => ({
    target: `web/src/features/${feature}`,
    from: 'web/src/features',
    except: [`./${feature}`, ...featureEntries(feature)],
    message: 'A feature imports another feature only through that feature\'s index.ts.',
  })),
];

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'e2e/artifacts/', 'data/', '.tmp/', 'test-results/', 'playwright-report/'],
  },
  js.configs.recommended,
  // Recommended without type information: fast, no program to build.
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
  },
  {
    name: 'braid/general',
    rules: {
      // The code's convention: a leading underscore marks a binding left unused on purpose, most
      // often a field taken out of an object so that the rest can be copied without it.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'braid/tests',
    files: tests,
    rules: {
      // Tests poke at parsed JSON bodies, fakes and rows with `any`; the code under test is typed,
      // and a wrong guess in a test fails the test.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    name: 'braid/migrations',
    files: ['src/store/migrations/**/*.ts', 'src/store/migrate.ts'],
    rules: {
      // Kysely's migrations take a Kysely<any> (so does its Migrator): a migration must keep
      // working after the schema's types have moved on, so it must not depend on them.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    name: 'braid/sandbox-thread-view',
    files: ['src/sandbox/meta/threadView.ts'],
    rules: {
      // The customer simulator's summary of a stored Meta body walks JSON of any shape and falls
      // back to showing the raw body when a walk throws: typing every shape Meta may send would
      // only repeat the channel parsers, which are the typed, tested reading of these bodies.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    name: 'braid/react',
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The rule the code's own eslint-disable comments name. The React Compiler's rules are for
      // code built with the compiler, which this app is not.
      'react-hooks/rules-of-hooks': 'error',
    },
  },
  {
    name: 'braid/layers',
    files: ['src/**/*.{ts,tsx}', 'web/src/**/*.{ts,tsx}'],
    ignores: tests,
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: [...serverZones, ...webZones] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    name: 'braid/http-reaches-data-through-use-cases',
    files: ['src/http/**/*.{ts,tsx}'],
    ignores: tests,
    rules: {
      // Import specifiers, not resolved paths: src/ has no path aliases, so every import of src/store
      // from src/http is relative and climbs to src/ ("../store/x", "../../store/x").
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(src/)?store(/|$)',
              allowTypeImports: true,
              message: 'src/http reaches data only through use cases: import a use case, or `import type` from src/store.',
            },
          ],
        },
      ],
    },
  },
);
