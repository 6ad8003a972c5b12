import {
  defaultFieldResolver,
  getNamedType,
  isIntrospectionType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { Role, Roles } from '../core/role.enum';
import { forbidden } from '../core/errors';
import type { GraphQLContext } from '../core/context';

/**
 * Who may read what: every object type of the schema, and every field that is narrower than its type, in one table. Deny by
 * default: the schema does not build while a type is missing here (or an entry names a type or field that is gone), and a root
 * field without `@Authorized` does not build either.
 *
 * How it holds wherever a field is reached: a caller reaches an object only through a field it may read, and a field is readable
 * only by the roles of its own entry AND those that may read the type it returns. A field whose readers are not all of its parent
 * type's readers checks the caller's role when it resolves, and answers FORBIDDEN otherwise (a list too: FORBIDDEN, not an empty
 * list that would look like "none"). Which rows a role sees (a PARTNER key: its own partner's customers) is decided by the
 * services and loaders, not here.
 */
export interface TypeAccess {
  /** The roles that may read objects of the type: every field they do not narrow. */
  read: readonly Role[];
  /** Fields readable by fewer roles than the type. */
  fields?: Record<string, readonly Role[]>;
}

const ALL: readonly Role[] = Object.values(Role);
/** The workspace's own staff: everything of the workspace (API keys aside). */
const STAFF = Roles.READ;
/** KPIs: the staff, and a PARTNER key over its own partner's customers (the services scope them). */
const KPI_READERS = Roles.KPI_READ;
/** Customers and their facts: every role (a PARTNER key sees only its own partner's customers). */
const FACT_READERS = Roles.READ_FACTS;

export const READ_ACCESS: Record<string, TypeAccess> = {
  // ---- the caller and its workspace
  Viewer: { read: ALL },
  Workspace: { read: ALL },
  ApiKey: { read: Roles.ADMIN },
  CreatedApiKey: { read: Roles.ADMIN },

  // ---- customers and their facts, and the reference data they name
  Customer: { read: FACT_READERS },
  CustomerConnection: { read: FACT_READERS },
  CustomerEdge: { read: FACT_READERS },
  PageInfo: { read: FACT_READERS },
  Tier: { read: FACT_READERS },
  CustomerSegment: { read: FACT_READERS },
  Partner: { read: FACT_READERS },
  Campaign: { read: FACT_READERS },
  Revenue: { read: FACT_READERS },
  MrrPoint: { read: FACT_READERS },
  Cost: { read: FACT_READERS },
  Invoice: { read: FACT_READERS },
  Survey: { read: FACT_READERS },
  Event: { read: FACT_READERS },
  Order: { read: FACT_READERS },
  Refund: { read: FACT_READERS },
  PhaseEntry: { read: FACT_READERS },
  IngestionResult: { read: ALL },
  FactDeletion: { read: FACT_READERS },
  CustomerErasure: { read: FACT_READERS },

  // ---- the journey map: the staff's. Fact writers see of a phase and a touchpoint what their facts name (key, name), no more.
  Journey: { read: STAFF },
  Process: { read: STAFF },
  Owner: { read: STAFF },
  Phase: {
    read: FACT_READERS,
    fields: {
      description: STAFF,
      successDefinition: STAFF,
      createdAt: STAFF,
      updatedAt: STAFF,
      journey: STAFF,
      owner: STAFF,
      processes: STAFF,
      touchpoints: STAFF,
      successMetrics: STAFF,
      scorecard: STAFF,
    },
  },
  Touchpoint: { read: FACT_READERS, fields: { description: STAFF, phase: STAFF } },

  // ---- metrics, chains, targets and scorecards: the staff's
  Metric: { read: STAFF },
  MetricLink: { read: STAFF },
  MetricSeries: { read: STAFF },
  MetricChain: { read: STAFF },
  MetricChainNode: { read: STAFF },
  MetricChainEdge: { read: STAFF },
  LinkEvidence: { read: STAFF },
  MetricDeletion: { read: STAFF },
  Target: { read: STAFF },
  PhaseScorecard: { read: STAFF },
  OwnerScorecard: { read: STAFF },
  ScorecardEntry: { read: STAFF },

  // ---- KPIs: the partner portal reads them over its own customers; their definitions hold no data, every key reads them
  KpiDefinition: { read: ALL },
  KpiSeries: { read: KPI_READERS },
  KpiPoint: { read: KPI_READERS },
  KpiGroup: { read: KPI_READERS },
  KpiMatrix: { read: KPI_READERS },
  KpiMatrixRow: { read: KPI_READERS },
  KpiMatrixCell: { read: KPI_READERS },
  KpiMatrixColumn: { read: KPI_READERS },
  KpiPeriod: { read: KPI_READERS },
  CustomerEquitySeries: { read: KPI_READERS },
  CustomerEquityPoint: { read: KPI_READERS },
  Cohort: { read: KPI_READERS },
  CohortCell: { read: KPI_READERS },
  KpiCustomerConnection: { read: KPI_READERS },
  KpiCustomerEdge: { read: KPI_READERS },
  KpiCustomer: { read: KPI_READERS },
  IndicatorImpact: { read: STAFF },
  PhaseFunnelStep: { read: STAFF },
};

/** The roles that may read a field, as the schema states them (`extensions.readableBy`); what the tests walk. */
export function readableBy(field: GraphQLField<unknown, unknown>): readonly Role[] {
  return (field.extensions?.readableBy as readonly Role[] | undefined) ?? [];
}

const sameRoles = (roles: readonly Role[]) => [...new Set(roles)].sort().join(', ');

/** The `@Authorized(...)` roles of every root field, from type-graphql's metadata (no roles: any valid key). */
function rootRoles(): Map<string, readonly Role[]> {
  const storage = getMetadataStorage();
  const out = new Map<string, readonly Role[]>();
  for (const [kind, handlers] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
  ] as const) {
    for (const handler of handlers) {
      const own = storage.authorizedFields.find((a) => a.target === handler.target && a.fieldName === handler.methodName);
      const ofClass = storage.authorizedResolver.find((a) => a.target === handler.target);
      const roles = (own ?? ofClass)?.roles as Role[] | undefined;
      if (roles) out.set(`${kind}.${handler.schemaName}`, roles.length ? roles : ALL);
    }
  }
  return out;
}

function guard(type: GraphQLObjectType, field: GraphQLField<unknown, GraphQLContext>, allowed: readonly Role[]): void {
  const resolve: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? defaultFieldResolver;
  const roles = new Set(allowed);
  const needs = sameRoles(allowed);
  field.resolve = (source, args, context, info) => {
    // Nested fields resolve after a root field's @Authorized check has authenticated the request.
    const role = context.auth.caller?.role;
    if (!role || !roles.has(role)) {
      throw forbidden(`A ${role ? `${role} key` : 'request without a key'} may not read "${type.name}.${field.name}"; it needs one of: ${needs}.`);
    }
    return resolve(source, args, context, info);
  };
}

/**
 * Applies READ_ACCESS to the built schema: states each field's readers in its `extensions.readableBy` (and in the descriptions a
 * partner developer reads), guards the fields that need it, and refuses to build on a gap.
 */
export function applyReadAccess(schema: GraphQLSchema, access: Record<string, TypeAccess> = READ_ACCESS): GraphQLSchema {
  const problems: string[] = [];
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  const types = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !isIntrospectionType(t));
  const readersOf = (typeName: string): readonly Role[] | undefined => access[typeName]?.read;

  for (const name of Object.keys(access)) {
    const type = schema.getType(name);
    if (!type || !isObjectType(type)) problems.push(`READ_ACCESS names "${name}", which is not an object type of the schema`);
    else for (const field of Object.keys(access[name].fields ?? {})) if (!type.getFields()[field]) problems.push(`READ_ACCESS names "${name}.${field}", which does not exist`);
  }

  const authorized = rootRoles();
  for (const type of types) {
    const root = roots.has(type.name);
    const entry = access[type.name];
    if (!root && !entry) {
      problems.push(`the object type "${type.name}" has no entry in READ_ACCESS (src/server/read-access.ts): state who may read it`);
      continue;
    }
    if (!root) (type as { description?: string | null }).description = withReaders(type.description, entry.read);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, GraphQLContext>[]) {
      const target = getNamedType(field.type);
      const targetReaders = isObjectType(target) ? readersOf(target.name) : ALL;
      if (root) {
        const roles = authorized.get(`${type.name}.${field.name}`);
        if (!roles) {
          problems.push(`the root field "${type.name}.${field.name}" has no @Authorized(...): state who may call it`);
          continue;
        }
        const outside = roles.filter((r) => !(targetReaders ?? []).includes(r));
        if (outside.length) problems.push(`"${type.name}.${field.name}" lets ${outside.join(', ')} in, but they may not read its type ${target.name}`);
        field.extensions = { ...field.extensions, readableBy: [...roles] };
        continue;
      }
      const own = entry.fields?.[field.name] ?? entry.read;
      const allowed = own.filter((r) => (targetReaders ?? []).includes(r));
      field.extensions = { ...field.extensions, readableBy: allowed };
      if (entry.fields?.[field.name]) field.description = withReaders(field.description, allowed);
      // Everyone who can reach the parent may read the field: no check needed (most fields, e.g. the thousands of a KPI matrix).
      if (entry.read.some((r) => !allowed.includes(r))) guard(type, field, allowed);
    }
  }
  if (problems.length) throw new Error(`Read access is not stated for every type and field:\n  ${problems.join('\n  ')}`);
  return schema;
}

/** "… Readable by ADMIN, EDITOR." appended to a description, once. */
function withReaders(description: string | null | undefined, roles: readonly Role[]): string {
  const text = (description ?? '').replace(/ ?Readable by [^.]+\.$/, '');
  const who = roles.length === ALL.length ? 'every role' : sameRoles(roles);
  return `${text}${text ? ' ' : ''}Readable by ${who}.`;
}
