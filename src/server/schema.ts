import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { authChecker } from './auth';
import { resolvers } from './resolvers';

/** Builds the executable schema from the resolvers; input classes are validated by class-validator before resolvers run. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
}

/** The SDL committed at schema/schema.graphql: sorted, so that a diff shows only real changes. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
