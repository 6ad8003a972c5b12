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
      if (isEnumType(type) && type.getValues().length > 12) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
