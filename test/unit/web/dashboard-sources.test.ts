import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { runNode } from '../../helpers/compiled';
import { sourceFingerprint } from '../../../scripts/build-web';
import { ROOT } from '../../helpers/paths';

const webDir = path.join(ROOT, 'web');

describe("the dashboard's types", () => {
  it('are generated from the committed schema, pending operations included (run `npm run codegen` after an API change)', async () => {
    // In a Node process of its own: the generator's plugins load ESM-only packages, which jest's module system cannot.
    const source = fs.readFileSync(path.join(ROOT, 'scripts', 'codegen-web.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText;
    const { code, stdout, stderr } = await runNode(`
      const module = { exports: {} }; const exports = module.exports;
      ${js}
      module.exports.generateWebTypes(${JSON.stringify(ROOT)})
        .then((files) => process.stdout.write(JSON.stringify(files)))
        .catch((err) => { console.error(err); process.exit(1); });
    `);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = JSON.parse(stdout) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(['web/src/generated/graphql.ts', 'web/src/generated/schema-capabilities.ts']);
    for (const [file, content] of Object.entries(files)) expect({ file, content }).toEqual({ file, content: fs.readFileSync(path.join(ROOT, file), 'utf8') });
  });

  it('tell which pending views the schema can answer: each pending operation is available exactly when it validates', async () => {
    const { pendingOperations, kpiKeys } = await import('../../../web/src/generated/schema-capabilities');
    const { buildSchema, parse, validate } = await import('graphql');
    const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const names = fs
      .readdirSync(path.join(webDir, 'src', 'operations', 'pending'))
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => f.replace(/\.graphql$/, ''))
      .sort();
    expect(Object.keys(pendingOperations).sort()).toEqual(names);
    for (const [name, op] of Object.entries(pendingOperations as Record<string, { available: boolean; document: string }>)) {
      expect({ name, available: op.available }).toEqual({ name, available: validate(schema, parse(op.document)).length === 0 });
    }
    expect(kpiKeys).toContain('NRR');
  });
});

describe('building the dashboard only when its sources changed', () => {
  it('fingerprints the same sources the same way, and a changed, added or renamed source file changes it', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-web-sources-'));
    try {
      const web = path.join(copy, 'web');
      fs.cpSync(path.join(webDir, 'src'), path.join(web, 'src'), { recursive: true });
      for (const file of ['index.html', 'vite.config.ts', 'package.json']) fs.copyFileSync(path.join(webDir, file), path.join(web, file));
      fs.copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(copy, 'package-lock.json'));
      const original = sourceFingerprint(web);
      expect(original).toBe(sourceFingerprint(webDir));

      const styles = path.join(web, 'src', 'styles.css');
      fs.appendFileSync(styles, '\n.x { color: red; }\n');
      expect(sourceFingerprint(web)).not.toBe(original);
      fs.copyFileSync(path.join(webDir, 'src', 'styles.css'), styles);
      expect(sourceFingerprint(web)).toBe(original);

      fs.renameSync(styles, path.join(web, 'src', 'styles2.css'));
      expect(sourceFingerprint(web)).not.toBe(original);
      fs.renameSync(path.join(web, 'src', 'styles2.css'), styles);
      fs.appendFileSync(path.join(copy, 'package-lock.json'), ' ');
      expect(sourceFingerprint(web)).not.toBe(original);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
