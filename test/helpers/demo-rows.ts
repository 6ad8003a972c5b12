import { SAAS_MODEL, emptyChunk, type DatasetChunk, type DatasetModel, type DatasetOptions } from '../../src/demo/generator/dataset';

/** Every row of a dataset, chunks merged. */
export function rowsOf(options: DatasetOptions, chunkSize?: number, model: DatasetModel = SAAS_MODEL): DatasetChunk {
  const all = emptyChunk();
  for (const chunk of model.generateDataset(options, chunkSize)) {
    for (const key of Object.keys(all) as (keyof DatasetChunk)[]) (all[key] as unknown[]).push(...chunk[key]);
  }
  return all;
}
