import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider, useQuery } from 'urql';
import { createClient } from './client';
import { problemOf } from './errors';
import { addMonths, currentMonth } from './period';
import { RevenueMonthsDocument, SessionDocument, type SessionQuery } from '../generated/graphql';
import { pendingOperations } from '../generated/schema-capabilities';
import { SignIn } from '../views/SignIn';
import { ProblemState, Loading } from '../components/States';

const KEY_STORAGE = 'journeygraph.dashboard.apiKey';

/** The workspace settings that arrive with the business-model and data-completeness API (pending until the schema has them). */
interface WorkspaceModel {
  workspace: { id: string; businessModel: 'SUBSCRIPTION' | 'TRANSACTIONAL'; activityWindowMonths: number; dataCompleteThrough: string | null };
}

export interface Session {
  apiKey: string;
  viewer: SessionQuery['viewer'];
  workspace: SessionQuery['workspace'];
  /** `SUBSCRIPTION` or `TRANSACTIONAL` when the API tells; null when it does not yet. */
  businessModel: string | null;
  /** The last month with data: the workspace's watermark where the API has one, else the latest month with revenue; null: no data yet. */
  dataThrough: string | null;
  /** Where `dataThrough` comes from; `none`: the workspace has no revenue yet; `unknown`: the key may not read KPIs. */
  dataThroughSource: 'watermark' | 'revenue' | 'none' | 'unknown';
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside of a signed-in dashboard');
  return session;
}

/** Signs in with an API key kept in sessionStorage: it lasts as long as the browser tab and is never written to disk by the app. */
export function AuthGate({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState<string | null>(() => sessionStorage.getItem(KEY_STORAGE));
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => (apiKey ? createClient(apiKey) : null), [apiKey]);

  const signOut = useCallback((message: string | null = null) => {
    sessionStorage.removeItem(KEY_STORAGE);
    setApiKey(null);
    setNotice(message);
  }, []);
  const onValid = useCallback(() => apiKey && sessionStorage.setItem(KEY_STORAGE, apiKey), [apiKey]);
  const onInvalid = useCallback((message: string) => signOut(message), [signOut]);
  const signOutNow = useCallback(() => signOut(), [signOut]);

  if (!apiKey || !client) {
    return (
      <SignIn
        notice={notice}
        onSubmit={(key) => {
          setNotice(null);
          setApiKey(key);
        }}
      />
    );
  }
  return (
    <Provider value={client}>
      <SessionLoader
        apiKey={apiKey}
        onValid={onValid}
        onInvalid={onInvalid}
        signOut={signOutNow}
      >
        {children}
      </SessionLoader>
    </Provider>
  );
}

function SessionLoader(props: { apiKey: string; onValid(): void; onInvalid(message: string): void; signOut(): void; children: ReactNode }) {
  const [session, retry] = useQuery({ query: SessionDocument, requestPolicy: 'network-only' });
  const modelOp = pendingOperations.WorkspaceModel;
  const [model] = useQuery<WorkspaceModel>({ query: modelOp.document, pause: !modelOp.available || !session.data });
  const since = useMemo(() => addMonths(currentMonth(), -59), []);
  // Asked beside the session, not after it: one round trip less before the first view's numbers.
  const [revenue] = useQuery({
    query: RevenueMonthsDocument,
    variables: useMemo(() => ({ period: { grain: 'MONTH' as const, from: since, to: currentMonth() } }), [since]),
  });
  const problem = session.error ? problemOf(session.error) : null;
  const { onValid, onInvalid } = props;

  useEffect(() => {
    if (session.data) onValid();
  }, [session.data, onValid]);
  useEffect(() => {
    if (problem?.kind === 'UNAUTHENTICATED') onInvalid(`The API refused this key: ${problem.message}`);
  }, [problem?.kind, problem?.message, onInvalid]);

  const value = useMemo<Session | null>(() => {
    if (!session.data) return null;
    const watermark = model.data?.workspace.dataCompleteThrough ?? null;
    const points = revenue.data?.kpis[0]?.points ?? [];
    const lastWithRevenue = [...points].reverse().find((p) => (p.value ?? 0) !== 0)?.periodStart ?? null;
    const dataThrough = watermark ?? lastWithRevenue;
    return {
      apiKey: props.apiKey,
      viewer: session.data.viewer,
      workspace: session.data.workspace,
      businessModel: model.data?.workspace.businessModel ?? null,
      dataThrough,
      dataThroughSource: watermark ? 'watermark' : lastWithRevenue ? 'revenue' : revenue.error ? 'unknown' : 'none',
      signOut: props.signOut,
    };
  }, [session.data, model.data, revenue.data, revenue.error, props.apiKey, props.signOut]);

  if (problem && problem.kind !== 'UNAUTHENTICATED') {
    return (
      <main className="centered">
        <p className="brand-line">JourneyGraph dashboard</p>
        <ProblemState problem={problem} onRetry={() => retry({ requestPolicy: 'network-only' })} />
        <p>
          <button type="button" className="link" onClick={props.signOut}>
            Sign in with another key
          </button>
        </p>
      </main>
    );
  }
  // The revenue months set the default periods: wait for them (or their failure, e.g. a role that may not read KPIs).
  if (!value || revenue.fetching || (modelOp.available && model.fetching)) return <Loading what="your workspace" />;
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
