import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

type Scoped = ObjectLiteral & { id: string; workspaceId: string };

/** One object per id, `null` for an id that is missing or belongs to another workspace. */
export function byId<T extends Scoped>(dataSource: DataSource, entity: EntityTarget<T>, workspaceId: string) {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await dataSource.getRepository(entity).find({ where: { workspaceId, id: In(valid) } as never })
      : [];
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** All children of each parent id, in the given order; `[]` for a parent without any. */
export function manyBy<T extends ObjectLiteral & { workspaceId: string }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  workspaceId: string,
  parentColumn: keyof T & string,
  order: FindOptionsOrder<T>,
) {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const rows = await dataSource
      .getRepository(entity)
      .find({ where: { workspaceId, [parentColumn]: In([...parentIds]) } as never, order });
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row[parentColumn] as string)?.push(row);
    return parentIds.map((id) => groups.get(id)!);
  });
}
