import { GraphQLError, getNamedType, isListType, isNonNullType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError, ErrorCode } from '../core/errors';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../config/config';
import { kpiCells, needsCardinalities, type DimensionCardinalities, type KpiSize } from '../modules/kpi/kpi.size';

export { DEFAULT_QUERY_LIMITS, type QueryLimits };

/** armor's messages read "<Kind> limit of N exceeded, found M."; this turns them into QUERY_TOO_COMPLEX with numbers. */
const ARMOR_MESSAGE = /(Query depth|Aliases|Directives) limit of (\d+) exceeded, found (\d+)/;
const LIMIT_NAMES: Record<string, string> = { 'Query depth': 'depth', Aliases: 'aliases', Directives: 'directives' };
/** graphql-js's own parser enforces the token limit (Apollo's `parseOptions.maxTokens`). */
const TOKENS_MESSAGE = /Document contains more that (\d+) tokens/;

/** `found` is unknown for tokens: the parser stops counting at the first token over the limit. */
export function queryTooComplex(limit: string, max: number, found: number | null, extra: Record<string, unknown> = {}): AppError {
  const by = found === null ? `more than ${max} allowed` : `${found} where at most ${max} is allowed (${found - max} over)`;
  return new AppError(ErrorCode.QUERY_TOO_COMPLEX, `The query exceeds the ${limit} limit: ${by}. Simplify it or split it into several requests.`, {
    limit,
    max,
    found,
    ...extra,
  });
}

/** Recognises a limit error raised by graphql-armor (a validation or parse error), for the error formatter. */
export function asQueryTooComplex(message: string): AppError | null {
  if (message === 'Validation aborted.') {
    // graphql-js stops checking overlapping fields once they cost too much work (a field repeated hundreds of times).
    return new AppError(ErrorCode.QUERY_TOO_COMPLEX, 'The query repeats fields so often that checking it was aborted. Select each field once.', {
      limit: 'fieldMerging',
      max: null,
      found: null,
    });
  }
  const tokens = TOKENS_MESSAGE.exec(message);
  if (tokens) return queryTooComplex('tokens', Number(tokens[1]), null);
  const match = ARMOR_MESSAGE.exec(message);
  return match ? queryTooComplex(LIMIT_NAMES[match[1]], Number(match[2]), match[3] ? Number(match[3]) : null) : null;
}

function isList(type: GraphQLOutputType): boolean {
  return isNonNullType(type) ? isList(type.ofType) : isListType(type);
}

/**
 * Lists cost what they may return: a field with `first`/`last` multiplies its selection by that number, a batch
 * mutation costs one per row. Other fields cost 1 plus their selection.
 */
const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (Array.isArray(args.rows)) return args.rows.length + childComplexity;
  const size = Number(args.first ?? args.last);
  if (Number.isFinite(size) && size > 0) return 1 + size * Math.max(childComplexity, 1);
  if (isList(field.type) && getNamedType(field.type)) return 1 + childComplexity;
  return undefined;
};

/** What the KPI estimator reads from getComplexity's context: the caller's workspace cardinalities, once fetched. */
interface KpiEstimateContext {
  cardinalities: DimensionCardinalities | null;
  /** Set by the estimator when a KPI field groups by something: the cost then depends on the workspace's cardinalities. */
  needsCardinalities: boolean;
  /** The most cells one KPI field of the query can answer with (for the refusal's message). */
  kpiCells: number;
}

/**
 * A KPI field (marked with the `kpiSize` extension) costs what it can answer: KPIs × periods × groups (kpi.size.ts), each
 * with its selection.
 */
const kpiSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity, context }) => {
  const size = field.extensions?.kpiSize as KpiSize | undefined;
  if (!size) return undefined;
  const estimate = context as KpiEstimateContext;
  if (needsCardinalities(size, args)) estimate.needsCardinalities = true;
  const cells = kpiCells(size, args, estimate.cardinalities);
  estimate.kpiCells = Math.max(estimate.kpiCells, cells);
  return 1 + cells * Math.max(childComplexity, 1);
};

/** The caller's workspace cardinalities for the KPI estimate; null without a valid key (execution refuses the request anyway). */
export type CardinalitiesOf<TContext> = (context: TContext) => Promise<DimensionCardinalities | null>;

/** The cost check: runs once the operation is resolved (variables known), before execution starts. */
function costLimitPlugin<TContext extends object>(
  schema: GraphQLSchema,
  maxCost: number,
  cardinalitiesOf?: CardinalitiesOf<TContext>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          // No operation of that name (or none at all): nothing will execute, and execution says why with a 400.
          if (!operation) return;
          let cost: number;
          const estimate: KpiEstimateContext = { cardinalities: null, needsCardinalities: false, kpiCells: 0 };
          try {
            const measure = () =>
              getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables: request.variables ?? {},
                context: estimate as unknown as Record<string, unknown>,
                estimators: [kpiSizeEstimator, fieldExtensionsEstimator(), listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            cost = measure();
            // A KPI field groups by something: measure again with the workspace's own cardinalities (one cached statement).
            if (estimate.needsCardinalities && cardinalitiesOf) {
              // A database that cannot answer is reported by execution (SERVICE_UNAVAILABLE); MAX_KPI_ROWS still holds then.
              estimate.cardinalities = await cardinalitiesOf(contextValue).catch(() => null);
              if (estimate.cardinalities) cost = measure();
            }
          } catch (error) {
            // getComplexity coerces the variables and throws the first coercion error; thrown from this hook it would be an
            // HTTP 500. Invalid variables mean nothing executes: leave them to execution, which reports every one with a 400.
            if (error instanceof GraphQLError && /^Variable "\$/.test(error.message)) return;
            throw error;
          }
          // Thrown from this hook, an error is an HTTP 500 unless it says otherwise: this one is the client's (400, like the
          // other limits, which are validation errors).
          if (cost > maxCost) {
            const refusal = queryTooComplex('cost', maxCost, cost, { http: { status: 400 } });
            if (estimate.kpiCells > 0) {
              refusal.message +=
                ` A KPI field costs its KPIs × periods × groups (one of these can answer with up to ${estimate.kpiCells} values) times ` +
                'the fields selected: ask for fewer KPIs, a shorter range, a coarser grain or fewer group dimensions.';
            }
            throw refusal;
          }
        },
      };
    },
  };
}

/**
 * graphql-armor for depth, aliases, directives and suggestions; graphql-js's parser for tokens (armor's own token
 * plugin for Apollo turns its refusal into "Validation aborted."); graphql-query-complexity for the cost.
 */
export function queryLimitProtections<TContext extends object>(
  schema: GraphQLSchema,
  limits: QueryLimits,
  cardinalitiesOf?: CardinalitiesOf<TContext>,
) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.production },
  });
  const protection = armor.protect();
  return {
    plugins: [...(protection.plugins as ApolloServerPlugin<TContext>[]), costLimitPlugin(schema, limits.maxCost, cardinalitiesOf)],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
