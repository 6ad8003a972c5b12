import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { KpiCustomersDocument, type CustomerSet, type Grain, type SegmentFilter } from '../generated/graphql';
import { useSession } from '../app/session';
import { useKpiCatalog } from '../app/catalog';
import { QueryState } from './States';
import { formatCount, formatPeriod, formatValue, humanize } from '../format';

export interface DrillDown {
  set: CustomerSet;
  kpi: string;
  count: number;
  grain: Grain;
  periodStart: string;
  periodEnd: string;
  filter: SegmentFilter;
  rowName: string;
}

const PAGE = 100;

/** The customers behind a count of the matrix (`kpiCustomers`), in a modal dialog; pages of 100. */
export function CustomerDrillDown({ drill, onClose }: { drill: DrillDown; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const session = useSession();
  const catalog = useKpiCatalog();
  const [after, setAfter] = useState<string[]>([]);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="drill-dialog" aria-labelledby="drill-title" onClose={onClose} data-testid="drill-down">
      <header>
        <h2 id="drill-title">
          {catalog.name(drill.kpi)}: {formatCount(drill.count)} customers
        </h2>
        <p className="muted">
          {formatPeriod(drill.periodStart, drill.periodEnd)} · {drill.rowName}
        </p>
        <button type="button" className="close" onClick={() => dialog.current?.close()} aria-label="Close">
          ×
        </button>
      </header>
      {[undefined, ...after].map((cursor) => (
        <DrillPage
          key={cursor ?? 'first'}
          drill={drill}
          after={cursor}
          currency={session.workspace.currency}
          transactional={session.businessModel === 'TRANSACTIONAL'}
          onMore={(next) => setAfter((list) => (list.includes(next) ? list : [...list, next]))}
          first={cursor === undefined}
        />
      ))}
    </dialog>
  );
}

function DrillPage(props: { drill: DrillDown; after?: string; currency: string; transactional: boolean; first: boolean; onMore(cursor: string): void }) {
  const { drill } = props;
  const [asked, setAsked] = useState(false);
  // A customer's monthly value: its MRR, or its run rate in a TRANSACTIONAL workspace.
  const value = props.transactional ? 'Run rate' : 'MRR';
  const [result] = useQuery({
    query: KpiCustomersDocument,
    variables: { set: drill.set, grain: drill.grain, periodStart: drill.periodStart, filter: drill.filter, first: PAGE, after: props.after ?? null },
  });
  return (
    <QueryState result={result} what="the customers">
      {(data) => (
        <>
          {props.first && (
            <p data-testid="drill-total">
              {formatCount(data.kpiCustomers.totalCount)} customers in the set {humanize(drill.set).toLowerCase()}
            </p>
          )}
          <table className="plain">
            {props.first && (
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Tier</th>
                  <th scope="col" className="num">{value} before</th>
                  <th scope="col" className="num">{value} at end</th>
                  <th scope="col">Movement</th>
                </tr>
              </thead>
            )}
            <tbody>
              {data.kpiCustomers.edges.map(({ node }) => (
                <tr key={node.customer.id} data-testid="drill-row">
                  <td>
                    {node.customer.name} <span className="muted">{node.customer.externalId}</span>
                  </td>
                  <td>{node.customer.tier.name}</td>
                  <td className="num">{formatValue(node.mrrAtBase, 'CURRENCY', props.currency)}</td>
                  <td className="num">{formatValue(node.mrrAtEnd, 'CURRENCY', props.currency)}</td>
                  <td>{humanize(node.movement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!asked && data.kpiCustomers.pageInfo.hasNextPage && data.kpiCustomers.pageInfo.endCursor && (
            <button
              type="button"
              onClick={() => {
                setAsked(true);
                props.onMore(data.kpiCustomers.pageInfo.endCursor!);
              }}
            >
              Show more
            </button>
          )}
        </>
      )}
    </QueryState>
  );
}
