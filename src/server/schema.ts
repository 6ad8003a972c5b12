import 'reflect-metadata';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { authChecker } from '../core/auth';
import { applyReadAccess } from './read-access';
import { answerEmbeddedFirst } from '../db/entity-json';

/** Builds the executable schema from the modules' resolvers; input classes are validated by class-validator before resolvers run. */
export async function buildAppSchema(resolvers: NonEmptyArray<Function>): Promise<GraphQLSchema> {
  // A plain property field with no middleware and no roles is read by graphql-js's default resolver: type-graphql would wrap each
  // in a resolver that only reads the property (per field of every row: most of the work of a long list). Field resolvers, and
  // fields named apart from their property, keep type-graphql's.
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.name === field.schemaName && !field.roles?.length && !field.middlewares?.length) field.simple = true;
  }
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
  // The root types are made by type-graphql, which takes no description for them.
  const query = schema.getQueryType();
  if (query) query.description = ROOT_DESCRIPTIONS.Query;
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.Mutation;
  // Every type and field states who may read it (read-access.ts); fields narrower than their parent check the caller's role.
  // A row read as a tree (db/entity-json.ts) answers its embedded fields itself; the read access guards wrap that too.
  return applyReadAccess(answerEmbeddedFirst(schema));
}

const ROOT_DESCRIPTIONS = {
  Query:
    "Everything a key may read in its workspace: the journey map (journeys, phases, owners, touchpoints), metrics and their chains, targets, customers and their facts, and the KPIs computed from those facts on demand (kpis, kpiMatrix, customerEquity, indicatorImpact, phaseFunnel), with the KPI catalogue that defines them (kpiCatalog). Every request is scoped to the key's workspace; an id of another workspace is NOT_FOUND.",
  Mutation:
    'Every change: the journey map, metrics, links and targets (drafted by editors, approved by finance), the workspace and its API keys, and the ingestion of facts in batches of up to 10,000 rows, each validated whole and written all or nothing, idempotent on its natural key.',
};

/** The SDL committed at schema/schema.graphql: sorted, so that a diff shows only real changes. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
