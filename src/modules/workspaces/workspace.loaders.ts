import type { DataSource } from 'typeorm';
import { effectiveWatermarkSql } from '../facts/data-completeness';

/** Per-request loaders of the caller's workspace. */
export function createWorkspaceLoaders(dataSource: DataSource, workspaceId: string) {
  let watermark: Promise<string | null> | undefined;
  return {
    /** The data-completeness watermark in effect (set, else derived), read once per request; null when there is none. */
    workspaceDataCompleteThrough: (): Promise<string | null> =>
      (watermark ??= dataSource
        .query(`SELECT ${effectiveWatermarkSql('w')} AS watermark FROM workspace w WHERE w.id = $1`, [workspaceId])
        .then((rows: { watermark: string | null }[]) => rows[0]?.watermark ?? null)),
  };
}
