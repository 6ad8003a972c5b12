import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../../../src/server/schema';
import { appResolvers } from '../../../src/app.modules';
import { ROOT } from '../../helpers/paths';

describe('the committed schema', () => {
  it('is the SDL the code emits (run `npm run schema:emit` after changing the API)', async () => {
    const committed = fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8');
    expect(printAppSchema(await buildAppSchema(appResolvers))).toBe(committed);
  });
});
