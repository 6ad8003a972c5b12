import { GraphQLScalarType, Kind } from 'graphql';
import { InputValueError } from '../../core/scalars';

/** Segment keys: letters, digits and _, starting with a letter; the defaults are ENTERPRISE, MID_MARKET and SMB. */
export const SEGMENT_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
export const SEGMENT_KEY_RULE = { message: '$property must start with a letter and hold only letters, 0-9 and _ (at most 100)' };

const MAX_LENGTH = 100;

function checkKey(value: unknown): string {
  if (typeof value !== 'string') throw new InputValueError('A segment is written as its key, a string, e.g. "SMB".');
  if (value.length > MAX_LENGTH) throw new InputValueError(`A segment key has at most ${MAX_LENGTH} characters.`);
  return value;
}

/**
 * The key of one of the workspace's segments. It keeps the name `Segment` of the enum it replaces, and reads an unquoted name
 * (`segment: SMB`) as well as a string, so that queries written when segments were a fixed enum keep working unchanged.
 */
export const SegmentKeyScalar = new GraphQLScalarType({
  name: 'Segment',
  description:
    'The key of one of the workspace\'s segments (`segments { key }`), e.g. "SMB". Written as a string, or unquoted like an enum ' +
    'value (SMB), as before segments were the workspace\'s own.',
  serialize: (value) => checkKey(value),
  parseValue: (value) => checkKey(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.ENUM) throw new InputValueError('A segment is written as its key, e.g. "SMB" or SMB.');
    return checkKey(ast.value);
  },
});
