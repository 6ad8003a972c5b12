import { getMetadataStorage } from 'type-graphql';
import { isIntrospectionType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Selection } from '../core/selection';

/**
 * A relation a read may embed in its parent's row: the GraphQL field of the parent type that returns it, the child entity, and
 * how its rows are found (`on`: the condition joining child alias to parent alias) and ordered (for lists).
 */
export interface Embeddable {
  entity: Function;
  many: boolean;
  on(parent: string, child: string): string;
  orderBy?(child: string): string;
}

/**
 * Per parent entity: its embeddable relations by GraphQL field name. A row read with its relation embedded answers that field
 * from the row (`answerEmbeddedFirst`), its resolver (a loader) is not called; a row read otherwise goes to the resolver.
 */
export type Embeddables = ReadonlyMap<Function, Readonly<Record<string, Embeddable>>>;

const EMBEDDED = Symbol('embedded');

/**
 * Lets every field with a resolver answer from what a tree read embedded for it, before its resolver runs (type-graphql's wrapper
 * of a field resolver costs more than the answer: a customer's tier, 100 times a page). The resolvers give the same answer from
 * their loaders when nothing is embedded.
 */
export function answerEmbeddedFirst(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        const rows = source !== null && typeof source === 'object' ? (source as { [EMBEDDED]?: Record<string, unknown> })[EMBEDDED] : undefined;
        return rows && Object.hasOwn(rows, info.fieldName) ? rows[info.fieldName] : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

interface ColumnPlan {
  key: string;
  column: ColumnMetadata;
  /** How the column is written into the JSON (text for the types JSON would change: numbers beyond a double, dates). */
  sql(alias: string): string;
  read(value: unknown): unknown;
}

interface Parts {
  columns: ColumnPlan[];
  children: { name: string; sub: Selection; relation: Embeddable }[];
  hydrate(json: Record<string, unknown>): Record<string | symbol, unknown>;
}

interface EntityPlan {
  meta: EntityMetadata;
  /** Always read: the id and the columns the GraphQL type does not show (the ids its field resolvers follow). */
  always: ColumnPlan[];
  /** Read when selected, by GraphQL field name. */
  byField: Map<string, ColumnPlan>;
}

const TIMESTAMP = new Set(['timestamptz', 'timestamp', 'timestamp with time zone', 'timestamp without time zone']);
const AS_TEXT = new Set(['numeric', 'decimal', 'bigint', 'int8', 'date']);

function columnPlan(column: ColumnMetadata): ColumnPlan {
  const type = String(column.type);
  const name = `"${column.databaseName}"`;
  if (TIMESTAMP.has(type)) {
    return { key: column.propertyName, column, sql: (a) => `${a}.${name}`, read: (v) => (v === null || v === undefined ? null : new Date(v as string)) };
  }
  if (AS_TEXT.has(type)) return { key: column.propertyName, column, sql: (a) => `${a}.${name}::text`, read: (v) => v ?? null };
  return { key: column.propertyName, column, sql: (a) => `${a}.${name}`, read: (v) => (v === undefined ? null : v) };
}

/**
 * Reads of entity trees as one SQL statement: a row of the root entity as a JSON object with only the columns the query selects
 * (and the ids its field resolvers need), and each selected embeddable relation nested in it (`json_agg` for a list), every level
 * scoped to the workspace. What TypeORM would hydrate (instances of the entity): timestamps as Date, numeric and dates as text.
 * One per app (plans of the entities, made on first use).
 */
export class EntityTrees {
  private readonly plans = new Map<Function, EntityPlan>();
  /** The parts of each (selection, entity, extra): a selection is made once per field of a request, its rows read many times. */
  private readonly partsMemo = new WeakMap<Selection, Map<string, Parts>>();
  private readonly entityIds = new Map<Function, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly embeddables: Embeddables,
  ) {}

  private plan(entity: Function): EntityPlan {
    let plan = this.plans.get(entity);
    if (plan) return plan;
    const meta = this.dataSource.getMetadata(entity);
    const exposed = new Map(getMetadataStorage().fields.filter((f) => f.target === entity).map((f) => [f.name, f.schemaName]));
    const always: ColumnPlan[] = [];
    const byField = new Map<string, ColumnPlan>();
    for (const column of meta.columns) {
      const schemaName = exposed.get(column.propertyName);
      if (schemaName === undefined || column.isPrimary) always.push(columnPlan(column));
      else byField.set(schemaName, columnPlan(column));
    }
    this.plans.set(entity, (plan = { meta, always, byField }));
    return plan;
  }

  private parts(entity: Function, selection: Selection, extra: readonly string[]): Parts {
    let byEntity = this.partsMemo.get(selection);
    if (!byEntity) this.partsMemo.set(selection, (byEntity = new Map()));
    let id = this.entityIds.get(entity);
    if (id === undefined) this.entityIds.set(entity, (id = this.entityIds.size));
    const key = extra.length ? `${id}|${extra.join(',')}` : String(id);
    let parts = byEntity.get(key);
    if (!parts) byEntity.set(key, (parts = this.computeParts(entity, selection, extra)));
    return parts;
  }

  /** The columns of `entity` a selection reads, and the embeddable relations it selects. */
  private computeParts(entity: Function, selection: Selection, extra: readonly string[]): Parts {
    const plan = this.plan(entity);
    const columns = [...plan.always];
    for (const name of new Set([...selection.fields.keys(), ...extra])) {
      const column = plan.byField.get(name);
      if (column) columns.push(column);
    }
    const relations = this.embeddables.get(entity) ?? {};
    const children = [...selection.fields].filter(([name]) => Object.hasOwn(relations, name)).map(([name, sub]) => ({ name, sub, relation: relations[name] }));
    return { columns, children, hydrate: this.hydrator(entity, columns, children) };
  }

  /**
   * `json_build_object(...)` of a row of `entity` at `alias`, with its selected relations nested. `workspace` is the placeholder
   * of the workspace id (e.g. `$1`); `extra` names fields read even when not selected (e.g. a connection's cursor columns).
   */
  json(entity: Function, selection: Selection, alias: string, workspace: string, extra: readonly string[] = [], depth = 0): string {
    const { columns, children } = this.parts(entity, selection, extra);
    const pairs = columns.map((c) => `'${c.key}', ${c.sql(alias)}`);
    children.forEach(({ name, sub, relation }, i) => {
      const child = `${alias}_${i}`;
      const meta = this.plan(relation.entity).meta;
      const from = `FROM "${meta.tableName}" ${child} WHERE ${child}.workspace_id = ${workspace} AND ${relation.on(alias, child)}`;
      const object = this.json(relation.entity, sub, child, workspace, [], depth + 1);
      pairs.push(
        relation.many
          ? `'${name}', (SELECT coalesce(json_agg(${object}${relation.orderBy ? ` ORDER BY ${relation.orderBy(child)}` : ''}), '[]'::json) ${from})`
          : `'${name}', (SELECT ${object} ${from})`,
      );
    });
    // json_build_object takes at most 100 arguments: wider objects are merged from parts.
    const chunks: string[] = [];
    for (let i = 0; i < pairs.length; i += 50) chunks.push(`json_build_object(${pairs.slice(i, i + 50).join(', ')})`);
    return chunks.length === 1 ? chunks[0] : `(${chunks.map((c) => `${c}::jsonb`).join(' || ')})::json`;
  }

  /** A row of `json(...)` as the object the resolvers read, its embedded relations kept for the fields that return them (`answerEmbeddedFirst`). */
  hydrate<T>(entity: Function, selection: Selection, json: Record<string, unknown>, extra: readonly string[] = []): T {
    return this.parts(entity, selection, extra).hydrate(json) as T;
  }

  /** How a row of `json(...)` becomes the object the resolvers read: made once per (selection, entity), run for every row. */
  private hydrator(entity: Function, columns: ColumnPlan[], children: { name: string; sub: Selection; relation: Embeddable }[]) {
    const prototype = entity.prototype as object;
    const nested = children.map(({ name, sub, relation }) => ({ name, many: relation.many, parts: this.parts(relation.entity, sub, []) }));
    return (json: Record<string, unknown>): Record<string | symbol, unknown> => {
      // An instance of the entity, as TypeORM gives: type-graphql would otherwise copy a plain object into one per field resolver.
      const row = Object.create(prototype) as Record<string | symbol, unknown>;
      for (const c of columns) row[c.key] = c.read(json[c.key]);
      if (nested.length) {
        const embeddedRows: Record<string, unknown> = {};
        for (const { name, many, parts } of nested) {
          const value = json[name];
          embeddedRows[name] = many
            ? (value as Record<string, unknown>[]).map(parts.hydrate)
            : value === null || value === undefined
              ? null
              : parts.hydrate(value as Record<string, unknown>);
        }
        row[EMBEDDED] = embeddedRows;
      }
      return row;
    };
  }

  /** The database name of an entity's table. */
  table(entity: Function): string {
    return this.plan(entity).meta.tableName;
  }
}
