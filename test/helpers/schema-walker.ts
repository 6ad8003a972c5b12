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

/** A selection set that reads every scalar field, and the `id` (or first scalar) of nested objects, one level deep. */
export function sampleSelection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const fieldNamed = getNamedType(field.type);
    if (isScalarType(fieldNamed) || isEnumType(fieldNamed)) parts.push(field.name);
    else if (depth < 1) parts.push(`${field.name} ${sampleSelection(field.type, depth + 1)}`);
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
  const query = `${kind}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''} ${sampleSelection(field.type)} }`;
  return { field: field.name, kind, args: field.args.map((a) => ({ name: a.name, type: a.type })), query, variables };
}

/** One syntactically valid operation per root field of the schema, so that a test covers fields added later. */
export function sampleOperations(schema: GraphQLSchema, options: WalkOptions): SampleOperation[] {
  const out: SampleOperation[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) out.push(operationFor('query', field, options));
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) out.push(operationFor('mutation', field, options));
  return out;
}
