import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { buildAppSchema } from '../../../src/server/schema';
import { appResolvers } from '../../../src/app.modules';

const BUILT_IN = new Set(['Query', 'Mutation', 'String', 'Int', 'Float', 'Boolean', 'ID']);

describe('the schema, as a partner developer reads it in an IDE', () => {
  it('describes every type, field, argument and input field', async () => {
    const schema = await buildAppSchema(appResolvers);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && BUILT_IN.has(type.name))) continue;
      if (!type.description && !BUILT_IN.has(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes Query and Mutation themselves', async () => {
    const schema = await buildAppSchema(appResolvers);
    expect(schema.getQueryType()?.description).toBeTruthy();
    expect(schema.getMutationType()?.description).toBeTruthy();
  });

  it('names no file, folder or seed a partner developer does not have', async () => {
    const schema = await buildAppSchema(appResolvers);
    // A description makes sense to someone who has only the API: no Markdown or source file, no folder, no seed.
    const NAMES_A_FILE = /\.md\b|\.ts\b|shared\/|\bseeds?\b|src\//i;
    const offending: string[] = [];
    const check = (where: string, description: string | null | undefined) => {
      if (description && NAMES_A_FILE.test(description)) offending.push(`${where}: ${description.match(NAMES_A_FILE)![0]}`);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      check(type.name, type.description);
      if (isObjectType(type) || isInputObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          if ('deprecationReason' in field) check(`${type.name}.${field.name} (deprecated)`, field.deprecationReason);
          for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
    expect(offending).toEqual([]);
  });
});
