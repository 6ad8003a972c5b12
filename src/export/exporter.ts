import { ExportError, GraphQLReader, type ReaderOptions } from './client';
import { csvLine, type Cell } from './csv-writer';

/** The kinds of export: a cohort table, or the customers behind a customer count (drill-down). */
export const EXPORT_KINDS = ['cohorts', 'kpi-customers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The dimensions a cohort table can be grouped by and a filter can name, with their field in `KpiGroup` / `SegmentFilter`. */
export const DIMENSION_FIELDS = {
  TIER: 'tier',
  SEGMENT: 'segment',
  REGION: 'region',
  CHANNEL: 'channel',
  PARTNER: 'partner',
  CAMPAIGN: 'campaign',
  PHASE: 'phase',
} as const;
export type DimensionName = keyof typeof DIMENSION_FIELDS;
type FilterField = (typeof DIMENSION_FIELDS)[DimensionName];

export interface ExportOptions extends ReaderOptions {
  kind: ExportKind;
  grain: string;
  /** Filter lists per `SegmentFilter` field, e.g. `{ tier: ['growth'] }`. */
  filter?: Partial<Record<FilterField, string[]>>;
  /** cohorts: the cohorts whose period starts in [from, to], ages 0 … ages, grouped by these dimensions. */
  from?: string;
  to?: string;
  ages?: number;
  groupBy?: DimensionName[];
  /** kpi-customers: the set and the period. */
  set?: string;
  periodStart?: string;
  /** kpi-customers: customers per request (1 to 500, default 500). */
  pageSize?: number;
  /** Where the CSV goes, a chunk at a time (awaited: a slow disk holds the next page back). */
  write: (chunk: string) => void | Promise<void>;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportProgress {
  /** CSV data rows written so far, and how many there will be (known after the first page). */
  rows: number;
  total: number | null;
  pages: number;
  elapsedMs: number;
}

export interface ExportReport {
  kind: ExportKind;
  rows: number;
  pages: number;
  elapsedMs: number;
}

export const MAX_PAGE_SIZE = 500;

/** Checks the options a kind needs; throws an Error whose message says what is missing. */
export function checkExportOptions(options: Omit<ExportOptions, 'write'>): void {
  if (!EXPORT_KINDS.includes(options.kind)) throw new Error(`--kind must be one of ${EXPORT_KINDS.join(', ')}; got "${options.kind}".`);
  if (!options.grain) throw new Error('Give the grain with --grain (MONTH or QUARTER for cohorts; MONTH, QUARTER or YEAR for kpi-customers).');
  if (options.kind === 'cohorts') {
    if (!options.from || !options.to) throw new Error('A cohort table needs --from and --to (the first days of the cohorts to list).');
  } else {
    if (!options.set) throw new Error('A drill-down needs --set (ACTIVE, NEW, CHURNED, RETAINED or REACTIVATED).');
    if (!options.periodStart) throw new Error('A drill-down needs --period-start (the first day of the period).');
    const size = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new Error(`--page-size must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
}

const COHORTS = `query ExportCohorts($grain: Grain!, $from: LocalDate!, $to: LocalDate!, $ages: Int, $groupBy: [Dimension!], $filter: SegmentFilter) {
  cohorts(grain: $grain, from: $from, to: $to, ages: $ages, groupBy: $groupBy, filter: $filter) {
    periodStart periodEnd size group { tier segment region channel partner campaign phase }
    cells { age periodStart activeCustomers logoRetention mrr revenueRetention cumulativeRevenuePerCustomer }
  }
}`;

const KPI_CUSTOMERS = `query ExportKpiCustomers($set: CustomerSet!, $grain: Grain!, $start: LocalDate!, $filter: SegmentFilter, $first: Int, $after: String) {
  kpiCustomers(set: $set, grain: $grain, periodStart: $start, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { node {
      mrrAtBase mrrAtEnd movement mrrChange
      customer { id externalId name segment region country channel tier { key } partner { externalId } acquisitionCampaign { externalId } status currentMrr firstMonth }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface CohortAnswer {
  cohorts: {
    periodStart: string;
    periodEnd: string;
    size: number;
    group: Record<FilterField, string | null>;
    cells: { age: number; periodStart: string; activeCustomers: number; logoRetention: number; mrr: number; revenueRetention: number | null; cumulativeRevenuePerCustomer: number }[];
  }[];
}

interface KpiCustomersAnswer {
  kpiCustomers: {
    totalCount: number;
    edges: {
      node: {
        mrrAtBase: number;
        mrrAtEnd: number;
        movement: string;
        mrrChange: number;
        customer: {
          id: string;
          externalId: string;
          name: string;
          segment: string;
          region: string;
          country: string;
          channel: string;
          tier: { key: string };
          partner: { externalId: string } | null;
          acquisitionCampaign: { externalId: string } | null;
          status: string;
          currentMrr: number;
          firstMonth: string | null;
        };
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const CUSTOMER_COLUMNS = [
  'customerId', 'externalId', 'name', 'tier', 'segment', 'region', 'country', 'channel', 'partner', 'acquisitionCampaign',
  'mrrAtBase', 'mrrAtEnd', 'movement', 'mrrChange', 'status', 'currentMrr', 'firstMonth',
];

/**
 * Writes a cohort table (one line per cohort, group and age: the long form a pivot table reads) or a drill-down (one line per
 * customer, paged through the connection) as CSV, reading the API over HTTP like any other client.
 */
export async function exportCsv(options: ExportOptions): Promise<ExportReport> {
  checkExportOptions(options);
  const reader = new GraphQLReader(options);
  const started = Date.now();
  const filter = options.filter && Object.keys(options.filter).length ? options.filter : null;
  let rows = 0;
  let pages = 0;
  const progress = (total: number | null) => options.onProgress?.({ rows, total, pages, elapsedMs: Date.now() - started });

  if (options.kind === 'cohorts') {
    const groupBy = options.groupBy ?? [];
    const groupFields = groupBy.map((d) => DIMENSION_FIELDS[d]);
    const answer = await reader.query<CohortAnswer>(COHORTS, {
      grain: options.grain,
      from: options.from,
      to: options.to,
      ...(options.ages !== undefined ? { ages: options.ages } : {}),
      groupBy,
      filter,
    });
    pages = 1;
    const total = answer.cohorts.reduce((n, c) => n + c.cells.length, 0);
    await options.write(
      csvLine(['cohortStart', 'cohortEnd', ...groupFields, 'size', 'age', 'periodStart', 'activeCustomers', 'logoRetention', 'mrr', 'revenueRetention', 'cumulativeRevenuePerCustomer']),
    );
    for (const cohort of answer.cohorts) {
      let chunk = '';
      for (const cell of cohort.cells) {
        const cells: Cell[] = [cohort.periodStart, cohort.periodEnd, ...groupFields.map((f) => cohort.group[f]), cohort.size, cell.age, cell.periodStart];
        cells.push(cell.activeCustomers, cell.logoRetention, cell.mrr, cell.revenueRetention, cell.cumulativeRevenuePerCustomer);
        chunk += csvLine(cells);
        rows += 1;
      }
      await options.write(chunk);
    }
    progress(total);
    return { kind: options.kind, rows, pages, elapsedMs: Date.now() - started };
  }

  await options.write(csvLine(CUSTOMER_COLUMNS));
  let after: string | null = null;
  for (;;) {
    const answer: KpiCustomersAnswer = await reader.query<KpiCustomersAnswer>(KPI_CUSTOMERS, {
      set: options.set,
      grain: options.grain,
      start: options.periodStart,
      filter,
      first: options.pageSize ?? MAX_PAGE_SIZE,
      after,
    });
    const page = answer.kpiCustomers;
    pages += 1;
    let chunk = '';
    for (const { node } of page.edges) {
      const c = node.customer;
      chunk += csvLine([
        c.id, c.externalId, c.name, c.tier.key, c.segment, c.region, c.country, c.channel, c.partner?.externalId, c.acquisitionCampaign?.externalId,
        node.mrrAtBase, node.mrrAtEnd, node.movement, node.mrrChange, c.status, c.currentMrr, c.firstMonth,
      ]);
      rows += 1;
    }
    await options.write(chunk);
    progress(page.totalCount);
    if (!page.pageInfo.hasNextPage) break;
    if (!page.pageInfo.endCursor) throw new ExportError('the server said more pages follow but gave no cursor');
    after = page.pageInfo.endCursor;
  }
  return { kind: options.kind, rows, pages, elapsedMs: Date.now() - started };
}
