import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types for the example's operations, generated from the committed schema: `npm run codegen`. */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'examples/kpi-matrix-client/*.graphql',
  generates: {
    'examples/kpi-matrix-client/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: true,
        scalars: { LocalDate: 'string', DateTime: 'string', Currency: 'string', CountryCode: 'string' },
      },
    },
  },
};

export default config;
