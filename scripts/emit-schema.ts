import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../src/server/schema';
import { appResolvers } from '../src/app.modules';
import { projectRoot } from './project-root';

/**
 * Writes the sorted SDL to schema/schema.graphql (a test fails when the committed file is stale). `npm run schema:emit` then
 * writes the other files made from the schema and the KPI catalogue: the catalogue table of docs/kpis.md (docs-kpis.ts), the
 * example client's types (examples/kpi-matrix-client/codegen.ts) and the dashboard's (codegen-web.ts).
 */
buildAppSchema(appResolvers)
  .then((schema) => {
    const file = path.join(projectRoot(), 'schema', 'schema.graphql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, printAppSchema(schema));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
