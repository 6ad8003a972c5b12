import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  isInterfaceType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A sample value for a scalar, by its name; `ids` supplies the value used for every ID argument. */
const SCALAR_SAMPLES: Record<string, unknown> = {
  String: 'sample',
  Int: 1,
  Float: 1,
  Boolean: true,
  LocalDate: '2025-01-01',
  Date: '2025-01-01',
  DateTime: '2025-01-01T00:00:00Z',
  Currency: 'USD',
  CountryCode: 'US',
};

/** One place a value goes: an argument of a root field, or a field of an input object inside one. */
export interface InputSlot {
  kind: 'query' | 'mutation';
  /** The root field, e.g. `updatePhase`. */
  field: string;
  /** The argument, then the input fields down to this slot, e.g. `['input', 'ownerId']` (list levels are not named). */
  path: string[];
  /** The last name of `path`: the argument or input field itself. */
  name: string;
  /** The input object type that declares the slot (`AddPhaseInput`); null for a root argument. */
  parent: string | null;
  /** The slot's full type, list and non-null wrappers included. */
  type: GraphQLInputType;
}

export interface WalkOptions {
  /** Value for every argument or input field of type ID. */
  id: string;
  /** Select only the nested fields this role may read (the root field itself is called whatever its readers). */
  role?: string;
  /** Include optional arguments and input fields too (default: only required ones). */
  optional?: boolean;
  /**
   * A value for a slot, tried before the defaults at every level (a list slot is offered whole before its items are made);
   * `undefined` keeps the default. Lets a test put other workspaces' ids, external ids and keys where they fit.
   */
  fill?: (slot: InputSlot) => unknown;
}

type SlotPosition = Omit<InputSlot, 'type'>;

export function sampleInput(type: GraphQLInputType, options: WalkOptions, depth = 0, at?: SlotPosition): unknown {
  if (at && options.fill) {
    const chosen = options.fill({ ...at, type });
    if (chosen !== undefined) return chosen;
  }
  if (isNonNullType(type)) return sampleInput(type.ofType, options, depth, at);
  if (isListType(type)) return [sampleInput(type.ofType, options, depth, at)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isScalarType(type)) return type.name === 'ID' ? options.id : (SCALAR_SAMPLES[type.name] ?? 'sample');
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || (options.optional && depth < 2)) {
        const inner = at ? { ...at, path: [...at.path, field.name], name: field.name, parent: type.name } : undefined;
        out[field.name] = sampleInput(field.type, options, depth + 1, inner);
      }
    }
    return out;
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** The roles that may read a field, as the schema states them (src/server/read-access.ts sets `extensions.readableBy`). */
export const readersOf = (field: GraphQLField<unknown, unknown>): string[] => (field.extensions?.readableBy as string[] | undefined) ?? [];

/**
 * A selection set that reads every scalar field, and the `id` (or first scalar) of nested objects, one level deep; with `role`,
 * only the fields that role may read.
 */
export function sampleSelection(type: GraphQLOutputType, depth = 0, role?: string): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    if (role && !readersOf(field).includes(role)) continue;
    const fieldNamed = getNamedType(field.type);
    if (isScalarType(fieldNamed) || isEnumType(fieldNamed)) parts.push(field.name);
    else if (depth < 1) parts.push(`${field.name} ${sampleSelection(field.type, depth + 1, role)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

export interface SampleOperation {
  field: string;
  kind: 'query' | 'mutation';
  /** The root field's arguments, as declared (all of them, also those left out of this operation). */
  args: readonly { name: string; type: GraphQLInputType }[];
  query: string;
  variables: Record<string, unknown>;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, options: WalkOptions): SampleOperation {
  const args = field.args.filter((a) => isNonNullType(a.type) || options.optional);
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables = Object.fromEntries(
    args.map((a) => [a.name, sampleInput(a.type, options, 0, { kind, field: field.name, path: [a.name], name: a.name, parent: null })]),
  );
  const query = `${kind}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''} ${sampleSelection(field.type, 0, options.role)} }`;
  return { field: field.name, kind, args: field.args.map((a) => ({ name: a.name, type: a.type })), query, variables };
}

/** One syntactically valid operation per root field of the schema, so that a test covers fields added later. */
export function sampleOperations(schema: GraphQLSchema, options: WalkOptions): SampleOperation[] {
  const out: SampleOperation[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) out.push(operationFor('query', field, options));
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) out.push(operationFor('mutation', field, options));
  return out;
}

// ---- every path from every root field, for one role

/** One field of a selection tree: its parent type, its name, its arguments as GraphQL text, and what it selects. */
export interface TreeNode {
  parent: string;
  field: string;
  args: string;
  /** The named type the field returns, and whether it is an object type (selected with a selection set). */
  type: string;
  object: boolean;
  children: TreeNode[];
}

export interface RoleTreeOptions {
  role: string;
  /** The field's arguments as GraphQL text (`(period: {…})`, or '' for none); null leaves the field out. */
  argsFor(parent: string, field: GraphQLField<unknown, unknown>): string | null;
  /** Also select the fields the role may not read (the probes), as leaves. */
  withDenied?: boolean;
}

const scalarLike = (type: GraphQLOutputType) => {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
};

/**
 * The selection tree of a root field for one role: every field the role may read, along every path from the root, each object
 * type expanded once per path (a type already on the path is selected with its scalar fields only, so that every edge of the
 * graph is still walked, cycles included).
 */
export function roleTree(schema: GraphQLSchema, rootType: 'Query' | 'Mutation', rootField: string, options: RoleTreeOptions): TreeNode {
  const root = (rootType === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[rootField];
  const build = (parent: string, field: GraphQLField<unknown, unknown>, onPath: string[], expand: boolean): TreeNode | null => {
    const args = options.argsFor(parent, field);
    if (args === null) return null;
    const named = getNamedType(field.type);
    const node: TreeNode = { parent, field: field.name, args, type: named.name, object: isObjectType(named), children: [] };
    if (!isObjectType(named)) return node;
    for (const child of Object.values(named.getFields())) {
      if (!readersOf(child).includes(options.role)) continue;
      const again = onPath.includes(getNamedType(child.type).name);
      if (!scalarLike(child.type) && (!expand || again)) {
        // Already on the path: the edge is walked, its type not expanded again.
        if (!expand) continue;
        const leaf = build(named.name, child, onPath, false);
        if (leaf) node.children.push(leaf);
        continue;
      }
      const sub = build(named.name, child, [...onPath, getNamedType(child.type).name], expand);
      if (sub) node.children.push(sub);
    }
    return node;
  };
  return build(rootType, root, [getNamedType(root.type).name], true)!;
}

/** GraphQL text of a tree (each object with `__typename`, so that an object with no readable scalar still selects something). */
export function printTree(node: TreeNode): string {
  const inner = node.children.map(printTree).join(' ');
  return `${node.field}${node.args}${node.object ? ` { __typename ${inner} }` : ''}`;
}

/** A query that follows `path` (nodes from the root field down to a parent) and selects `leaf` there. */
export function printPath(path: TreeNode[], leaf: string): string {
  let text = leaf;
  for (let i = path.length - 1; i >= 0; i--) text = `${path[i].field}${path[i].args} { __typename ${text} }`;
  return `{ ${text} }`;
}

/** What a role can reach from the root fields it may call: the types, the fields it may read there, and those it may not. */
export function reachableFor(schema: GraphQLSchema, role: string, from: ('Query' | 'Mutation')[] = ['Query', 'Mutation']) {
  const types = new Set<string>();
  const readable = new Set<string>();
  const denied = new Set<string>();
  const queue: string[] = [];
  const enter = (type: GraphQLOutputType) => {
    const named = getNamedType(type);
    if (isObjectType(named) && !types.has(named.name)) {
      types.add(named.name);
      queue.push(named.name);
    }
  };
  for (const root of from.map((kind) => (kind === 'Query' ? schema.getQueryType() : schema.getMutationType()))) {
    for (const field of Object.values(root?.getFields() ?? {})) if (readersOf(field).includes(role)) enter(field.type);
  }
  while (queue.length) {
    const type = schema.getType(queue.shift()!) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      if (readersOf(field).includes(role)) {
        readable.add(`${type.name}.${field.name}`);
        enter(field.type);
      } else {
        denied.add(`${type.name}.${field.name}`);
      }
    }
  }
  return { types, readable, denied };
}
