import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider, useQuery } from 'urql';
import { createClient } from './client';
import { problemOf } from './errors';
import { SessionDocument, type BusinessModel, type SessionQuery } from '../generated/graphql';
import { SignIn } from '../views/SignIn';
import { ProblemState, Loading } from '../components/States';

const KEY_STORAGE = 'journeygraph.dashboard.apiKey';

export interface Session {
  apiKey: string;
  viewer: SessionQuery['viewer'];
  workspace: SessionQuery['workspace'];
  /** `SUBSCRIPTION` (a customer's monthly value is its recurring revenue) or `TRANSACTIONAL` (its run rate of orders). */
  businessModel: BusinessModel;
  /** The workspace's data-completeness watermark (`effectiveDataCompleteThrough`), the last month KPIs count; null: no data yet. */
  dataThrough: string | null;
  /** Where `dataThrough` comes from: `set` with updateWorkspace, `derived` from the latest month with revenue or orders, `none` (no data yet). */
  dataThroughSource: 'set' | 'derived' | 'none';
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
  // One request: who is signed in, the business model and the watermark that sets the default periods.
  const [session, retry] = useQuery({ query: SessionDocument, requestPolicy: 'network-only' });
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
    const workspace = session.data.workspace;
    return {
      apiKey: props.apiKey,
      viewer: session.data.viewer,
      workspace,
      businessModel: workspace.businessModel,
      dataThrough: workspace.effectiveDataCompleteThrough,
      dataThroughSource: workspace.dataCompleteThrough ? 'set' : workspace.effectiveDataCompleteThrough ? 'derived' : 'none',
      signOut: props.signOut,
    };
  }, [session.data, props.apiKey, props.signOut]);

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
  if (!value) return <Loading what="your workspace" />;
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
