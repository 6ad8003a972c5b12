import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { authChecker } from './auth';
import { resolvers } from './resolvers';
import { applyReadAccess } from './read-access';

/** Builds the executable schema from the resolvers; input classes are validated by class-validator before resolvers run. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
  // Every type and field states who may read it (read-access.ts); fields narrower than their parent check the caller's role.
  return applyReadAccess(schema);
}

/** The SDL committed at schema/schema.graphql: sorted, so that a diff shows only real changes. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
