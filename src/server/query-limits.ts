import { GraphQLError, getNamedType, isListType, isNonNullType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError, ErrorCode } from '../core/errors';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../config/config';

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

/** The cost check: runs once the operation is resolved (variables known), before execution starts. */
function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation of that name (or none at all): nothing will execute, and execution says why with a 400.
          if (!operation) return;
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // getComplexity coerces the variables and throws the first coercion error; thrown from this hook it would be an
            // HTTP 500. Invalid variables mean nothing executes: leave them to execution, which reports every one with a 400.
            if (error instanceof GraphQLError && /^Variable "\$/.test(error.message)) return;
            throw error;
          }
          // Thrown from this hook, an error is an HTTP 500 unless it says otherwise: this one is the client's (400, like the
          // other limits, which are validation errors).
          if (cost > maxCost) throw queryTooComplex('cost', maxCost, cost, { http: { status: 400 } });
        },
      };
    },
  };
}

/**
 * graphql-armor for depth, aliases, directives and suggestions; graphql-js's parser for tokens (armor's own token
 * plugin for Apollo turns its refusal into "Validation aborted."); graphql-query-complexity for the cost.
 */
export function queryLimitProtections(schema: GraphQLSchema, limits: QueryLimits) {
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
    plugins: [...protection.plugins, costLimitPlugin(schema, limits.maxCost)],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
