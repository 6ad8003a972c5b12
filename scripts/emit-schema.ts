import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../src/server/schema';
import { appResolvers } from '../src/app.modules';
import { projectRoot } from './project-root';

/** Writes the sorted SDL to schema/schema.graphql (a test fails when the committed file is stale). */
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
