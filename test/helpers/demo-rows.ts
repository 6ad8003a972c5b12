import { generateDataset, type DatasetChunk, type DatasetOptions } from '../../src/demo/generator/dataset';

/** Every row of a dataset, chunks merged. */
export function rowsOf(options: DatasetOptions, chunkSize?: number): DatasetChunk {
  const all: DatasetChunk = { customers: [], revenue: [], costs: [], invoices: [], surveys: [], events: [] };
  for (const chunk of generateDataset(options, chunkSize)) {
    for (const key of Object.keys(all) as (keyof DatasetChunk)[]) (all[key] as unknown[]).push(...chunk[key]);
  }
  return all;
}
