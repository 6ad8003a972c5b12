import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/**
 * The layers of src/, lowest first: a file may import its own layer and the layers before it, never one after it.
 * The files at the top of src/ (main.ts, app.modules.ts, cli-data-source.ts) compose the app and may import any layer.
 * src/import/ and src/export/ are clients of the API (GraphQL over HTTP): they import no other part of src/.
 */
const LAYERS = ['core', 'config', 'db', 'modules', 'demo', 'server'];
const TOP = 'src/*.ts';
const layerZones = LAYERS.map((layer, i) => ({
  target: `src/${layer}/**`,
  from: [...LAYERS.slice(i + 1).map((above) => `src/${above}/**`), 'src/import/**', 'src/export/**', TOP],
  message: `src/${layer}/ may import only ${LAYERS.slice(0, i + 1).map((l) => `src/${l}/`).join(', ')} (layers point one way: ${LAYERS.join(' ← ')} ← main).`,
}));
const importZone = {
  target: 'src/import/**',
  from: [...LAYERS.map((layer) => `src/${layer}/**`), 'src/export/**', TOP],
  message: 'src/import/ is a client of the API: it speaks GraphQL over HTTP and imports no code of the server.',
};
const exportZone = {
  target: 'src/export/**',
  from: [...LAYERS.map((layer) => `src/${layer}/**`), 'src/import/**', TOP],
  message: 'src/export/ is a client of the API: it speaks GraphQL over HTTP and imports no code of the server.',
};

export default tseslint.config(
  { ignores: ['dist/**', '.build/**', '.test-build/**', 'node_modules/**', 'coverage/**', '.data/**', 'migrations/**', 'examples/generated/**', 'web/dist/**', 'web/node_modules/**', 'web/src/generated/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // A module adds its loaders to the app's `Loaders` by declaration merging: `interface Loaders extends …Loaders {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads no .ts dependency and no-cycle sees no cycle at all.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: fileURLToPath(new URL('.', import.meta.url)), zones: [...layerZones, importZone, exportZone] }],
      // Type-only imports are erased at build time and are not followed; every runtime import cycle fails.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // An import the resolver cannot follow would escape both rules above: every relative import must resolve.
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
    },
  },
  {
    // The unit project runs without a database: its tests import no server, no database code and no driver.
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', 'typeorm'],
          patterns: [
            { group: ['**/helpers/test-server', '**/helpers/global-setup', '**/src/db/*', '**/src/server/app'], message: 'test/unit/ has no database: move a test that needs one to test/integration/.' },
          ],
        },
      ],
    },
  },
);
