import { Field, ObjectType } from 'type-graphql';
import { badInput } from './errors';

@ObjectType({ description: 'Relay page information of a connection: pass `endCursor` as `after` to get the next page.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items come before this page (true when `after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null for an empty page.' })
  endCursor!: string | null;
}

/** Opaque cursors: base64url of the JSON of an item's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === length && key.every((v) => typeof v === 'string')) return key;
  } catch {
    // fall through to the error below
  }
  throw badInput([{ path: 'after', message: 'after must be a cursor returned by this connection (pageInfo.endCursor)' }]);
}
