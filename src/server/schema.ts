import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { authChecker } from '../core/auth';
import { applyReadAccess } from './read-access';

/** Builds the executable schema from the modules' resolvers; input classes are validated by class-validator before resolvers run. */
export async function buildAppSchema(resolvers: NonEmptyArray<Function>): Promise<GraphQLSchema> {
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
