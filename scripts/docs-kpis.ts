import fs from 'node:fs';
import path from 'node:path';
import { KPI_DOCS, withKpiCatalogue } from './kpi-catalogue-docs';
import { projectRoot } from './project-root';

/** `npm run docs:kpis`: writes the KPI catalogue into its section of docs/kpis.md (see kpi-catalogue-docs.ts). */
const file = path.join(projectRoot(), KPI_DOCS);
const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# KPI definitions\n';
const after = withKpiCatalogue(before);
if (after === before) {
  console.log(`${KPI_DOCS} is current`);
} else {
  fs.writeFileSync(file, after);
  console.log(`wrote ${KPI_DOCS}`);
}
