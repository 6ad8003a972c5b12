/**
 * SQL fragments shared by the modules. A nullable uuid column takes part in a natural key (a unique index, an ON CONFLICT target,
 * a join on "the same key") as COALESCE(column, ZERO_UUID): NULL never equals NULL, the zero uuid equals itself.
 */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** `COALESCE(<column>, '<ZERO_UUID>'::uuid)`: a nullable uuid as it takes part in a natural key. */
export const uuidKey = (column: string): string => `COALESCE(${column}, '${ZERO_UUID}'::uuid)`;
