import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The dashboard's types, generated from the committed schema (`npm run codegen` at the repository root).
 * Operations in src/operations/ are typed; those in src/operations/pending/ wait for API fields the schema does not have
 * yet: they are typed as soon as they validate, and generated/schema-capabilities.ts tells the app which ones do.
 */
const webDir = path.resolve(process.cwd(), fs.existsSync(path.resolve(process.cwd(), 'web', 'codegen.ts')) ? 'web' : '.');
const schemaFile = path.resolve(webDir, '..', 'schema', 'schema.graphql');
const operationsDir = path.join(webDir, 'src', 'operations');
const pendingDir = path.join(operationsDir, 'pending');

const schema = buildSchema(fs.readFileSync(schemaFile, 'utf8'));
const graphqlFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort().map((f) => path.join(dir, f));
const validPending = graphqlFiles(pendingDir).filter((file) => validate(schema, parse(fs.readFileSync(file, 'utf8'))).length === 0);

const config: CodegenConfig = {
  schema: schemaFile,
  documents: [...graphqlFiles(operationsDir), ...validPending],
  generates: {
    [path.join(webDir, 'src', 'generated', 'graphql.ts')]: {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        // Result fields are always present (null when empty); input fields may be left out, as the API allows.
        avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
        scalars: { LocalDate: 'string', DateTime: 'string', Currency: 'string', CountryCode: 'string' },
      },
    },
    [path.join(webDir, 'src', 'generated', 'schema-capabilities.ts')]: {
      plugins: [path.join(webDir, 'codegen', 'schema-capabilities.cjs')],
      config: { pendingDir },
    },
  },
};

export default config;
