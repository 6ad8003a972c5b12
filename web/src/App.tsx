import { useEffect, useRef, type ComponentType } from 'react';
import { AuthGate, useSession } from './app/session';
import { hashOf, useRoute } from './app/router';
import { useSettings } from './app/settings';
import { formatPeriod } from './format';
import { addMonths } from './app/period';
import { JourneyMapView } from './views/JourneyMap';
import { KpiDashboardView } from './views/KpiDashboard';
import { RevenueMovementsView } from './views/RevenueMovements';
import { CustomerEquityView } from './views/CustomerEquity';
import { MetricChainView } from './views/MetricChain';
import { ScorecardsView } from './views/Scorecards';
import { TargetsView } from './views/Targets';

export interface View {
  path: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: View[] = [
  { path: 'kpis', title: 'KPI dashboard', component: KpiDashboardView },
  { path: 'journey', title: 'Journey map', component: JourneyMapView },
  { path: 'revenue', title: 'Revenue movements', component: RevenueMovementsView },
  { path: 'equity', title: 'Customer equity', component: CustomerEquityView },
  { path: 'chain', title: 'Metric chain', component: MetricChainView },
  { path: 'scorecards', title: 'Scorecards & funnel', component: ScorecardsView },
  { path: 'targets', title: 'Targets', component: TargetsView },
];

export function App() {
  return (
    <AuthGate>
      <Shell />
    </AuthGate>
  );
}

function Shell() {
  const session = useSession();
  const route = useRoute();
  const settings = useSettings();
  const view = VIEWS.find((v) => v.path === route.view) ?? VIEWS[0];
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${view.title} · ${session.workspace.name} · JourneyGraph`;
  }, [view.title, session.workspace.name]);
  // A new view takes the focus to its heading, so that keyboard and screen-reader users land on it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [view.path]);

  const View = view.component;
  const dataThrough = session.dataThrough ? formatPeriod(session.dataThrough, session.dataThrough) : 'no data yet';
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), heading.current?.focus())}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">JourneyGraph</span>
        <dl className="who" aria-label="Signed in">
          <div>
            <dt>Workspace</dt>
            <dd data-testid="workspace-name">{session.workspace.name}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd data-testid="role">
              <span className={`role role-${session.viewer.role.toLowerCase()}`}>{session.viewer.role}</span>
              {session.viewer.partner && <> · partner {session.viewer.partner}</>}
            </dd>
          </div>
          <div>
            <dt>Business model</dt>
            <dd
              data-testid="business-model"
              title={
                session.businessModel === 'TRANSACTIONAL'
                  ? `Customers buy by order: a customer's monthly value is its run rate over ${session.workspace.activityWindowMonths} months.`
                  : "Customers subscribe: a customer's monthly value is its recurring revenue."
              }
            >
              {session.businessModel === 'TRANSACTIONAL' ? 'Transactional' : 'Subscription'}
            </dd>
          </div>
          <div>
            <dt>Data through</dt>
            <dd
              data-testid="data-through"
              title={
                session.dataThroughSource === 'set'
                  ? "The workspace's data-completeness watermark: later facts are not counted yet."
                  : 'The latest month with revenue or orders: KPIs count facts through it.'
              }
            >
              {dataThrough}
            </dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{session.workspace.currency}</dd>
          </div>
        </dl>
        <button type="button" className="signout" onClick={session.signOut}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Views">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.path}>
              <a href={hashOf(v.path, settings.params)} aria-current={v.path === view.path ? 'page' : undefined}>
                {v.title}
              </a>
            </li>
          ))}
        </ul>
        <p className="nav-note">
          {formatPeriod(settings.period.from, addMonths(settings.period.to, { MONTH: 0, QUARTER: 2, YEAR: 11 }[settings.grain]))}
          <br />
          {settings.periods} {settings.grain.toLowerCase()}
          {settings.periods === 1 ? '' : 's'}
        </p>
        <p className="nav-note">
          <a href="/graphql">GraphiQL</a>
        </p>
      </nav>
      <main id="main" className="content">
        <h1 ref={heading} tabIndex={-1}>
          {view.title}
        </h1>
        <View />
      </main>
    </div>
  );
}
