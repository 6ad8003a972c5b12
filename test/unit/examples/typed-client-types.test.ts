import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { runNode } from '../../helpers/compiled';
import { ROOT } from '../../helpers/paths';

const exampleDir = path.join(ROOT, 'examples', 'kpi-matrix-client');

describe('the typed client example', () => {
  it('has its types generated from the committed schema (run `npm run codegen` after an API change)', async () => {
    // In a Node process of its own: the generator's plugins load ESM-only packages, which jest's module system cannot.
    const source = fs.readFileSync(path.join(exampleDir, 'codegen.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText;
    const { code, stdout, stderr } = await runNode(`
      const module = { exports: {} }; const exports = module.exports;
      ${js}
      module.exports.generateTypes(${JSON.stringify(ROOT)})
        .then((content) => process.stdout.write(JSON.stringify(content)))
        .catch((err) => { console.error(err); process.exit(1); });
    `);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toBe(fs.readFileSync(path.join(exampleDir, 'generated', 'graphql.ts'), 'utf8'));
  });

  it('type-checks against those types', () => {
    const files = ['print-kpi-matrix.ts', 'kpi-matrix-client.ts', 'generated/graphql.ts'].map((f) => path.join(exampleDir, f));
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
