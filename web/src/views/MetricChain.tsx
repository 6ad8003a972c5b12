import { useQuery } from 'urql';
import { MetricChainDocument, type MetricChainQuery } from '../generated/graphql';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { Controls } from '../components/Controls';
import { QueryState, Empty } from '../components/States';
import { StatusBadge } from '../components/Status';
import { formatAttainment, formatPeriod, formatValue, humanize } from '../format';

type Chain = NonNullable<MetricChainQuery['metricChain']>;
type ChainNode = Chain['nodes'][number];
type Edge = Chain['edges'][number];

const SIGNAL: Record<string, { label: string; advice: string }> = {
  DISCONNECT: { label: 'Disconnect', advice: 'The work below is done, yet this metric misses its target: the link may not hold.' },
  UNDERPOWERED: { label: 'Underpowered', advice: 'On target, while what feeds it falls short: the result may not last.' },
  ALIGNED: { label: 'Aligned', advice: 'The metric and what feeds it agree.' },
};

export function MetricChainView() {
  const settings = useSettings();
  const [result, retry] = useQuery({ query: MetricChainDocument, variables: { period: settings.period, tier: settings.tier } });

  return (
    <section className="view">
      <p className="lede">
        From customer equity down to the daily activities: each metric’s value against its target, its chain score (the weighted attainment of what
        feeds it) and a signal where the two disagree. Links show their weight and how well the child’s history led the parent’s (Pearson r).
        Evaluated in the last period of the range{settings.tier ? ` for the tier ${settings.tier}` : ' for the whole workspace'}.
      </p>
      <Controls />
      <QueryState result={result} what="the metric chain" onRetry={() => retry({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.metricChain ? (
            <ChainTree chain={data.metricChain} />
          ) : (
            <Empty title="No metric chain">
              <p>
                The chain starts at the metric <code>customer_equity</code>, which this workspace does not have. Create metrics with{' '}
                <code>createMetric</code> and link them with <code>linkMetrics</code>.
              </p>
            </Empty>
          )
        }
      </QueryState>
    </section>
  );
}

function ChainTree({ chain }: { chain: Chain }) {
  const nodes = new Map(chain.nodes.map((n) => [n.metric.key, n]));
  const children = new Map<string, Edge[]>();
  for (const e of chain.edges) children.set(e.parent.key, [...(children.get(e.parent.key) ?? []), e]);
  const signals = chain.nodes.filter((n) => n.signal === 'DISCONNECT' || n.signal === 'UNDERPOWERED');
  const root = nodes.get(chain.root.key);

  return (
    <>
      <p className="matrix-caption">
        <strong>{formatPeriod(chain.periodStart, chain.periodEnd)}</strong> · {chain.nodes.length} metrics, {chain.edges.length} links
      </p>
      {signals.length > 0 ? (
        <ul className="signals" aria-label="Signals" data-testid="chain-signals">
          {signals.map((n) => (
            <li key={n.metric.key} className={`signal signal-${n.signal!.toLowerCase()}`}>
              <strong>{SIGNAL[n.signal!].label}</strong>: {n.metric.name} — {SIGNAL[n.signal!].advice}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No disconnect or underpowered metric in this period.</p>
      )}
      {root && (
        <ul className="chain" aria-label="Metric chain" data-testid="metric-chain">
          <ChainItem node={root} edge={null} nodes={nodes} childrenOf={children} path={[]} />
        </ul>
      )}
    </>
  );
}

function ChainItem(props: { node: ChainNode; edge: Edge | null; nodes: Map<string, ChainNode>; childrenOf: Map<string, Edge[]>; path: string[] }) {
  const { node, edge } = props;
  const session = useSession();
  const m = node.metric;
  const kids = props.path.includes(m.key) ? [] : (props.childrenOf.get(m.key) ?? []);
  const path = [...props.path, m.key];
  return (
    <li data-metric={m.key}>
      <div className={`chain-node level-${m.level.toLowerCase()}`}>
        <div className="chain-name">
          <span className="level">{humanize(m.level)}</span> <strong>{m.name}</strong>
          {m.kpi && <span className="muted"> · KPI {m.kpi}</span>}
          {m.phase && <span className="muted"> · {m.phase.name}</span>}
          {m.owner && <span className="muted"> · {m.owner.name}</span>}
        </div>
        <div className="chain-figures">
          <span>
            <span className="muted">value</span> <span className="value">{formatValue(node.value, m.unit, session.workspace.currency)}</span>
          </span>
          <span>
            <span className="muted">target</span> {formatValue(node.target, m.unit, session.workspace.currency)}
          </span>
          <span>
            <span className="muted">attainment</span> <span data-field="attainment">{formatAttainment(node.attainment)}</span>
          </span>
          <span>
            <span className="muted">chain score</span> <span data-field="chainScore">{formatAttainment(node.chainScore)}</span>
          </span>
          <StatusBadge status={node.status} />
          {node.signal && node.signal !== 'ALIGNED' && (
            <span className={`signal-badge signal-${node.signal.toLowerCase()}`} title={SIGNAL[node.signal].advice}>
              ⚠ {SIGNAL[node.signal].label}
            </span>
          )}
        </div>
        {edge && (
          <div className="chain-edge muted">
            feeds its parent with weight {edge.weight} · evidence{' '}
            {edge.evidence.r === null
              ? `not enough history (${edge.evidence.pairs} of 3 pairs)`
              : `r = ${edge.evidence.r.toFixed(2)} over ${edge.evidence.pairs} periods, leading by ${edge.evidence.lag}`}
          </div>
        )}
      </div>
      {kids.length > 0 && (
        <ul>
          {kids.map((e) => {
            const child = props.nodes.get(e.child.key);
            return child ? <ChainItem key={e.child.key} node={child} edge={e} nodes={props.nodes} childrenOf={props.childrenOf} path={path} /> : null;
          })}
        </ul>
      )}
    </li>
  );
}
