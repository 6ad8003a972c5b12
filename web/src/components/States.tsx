import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { problemOf, type Problem } from '../app/errors';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

const ADVICE: Record<Problem['kind'], { title: string; advice: string }> = {
  API_DOWN: {
    title: 'The API does not answer',
    advice: 'The JourneyGraph server is not reachable from this browser. Check that it is running (npm start) and try again.',
  },
  UNAUTHENTICATED: { title: 'This key is not accepted', advice: 'Sign in again with a valid API key; it may have been revoked.' },
  FORBIDDEN: {
    title: 'Your key may not read this',
    advice: "This view needs a key with the ADMIN, EDITOR, FINANCE or VIEWER role. Ask your workspace's admin for one.",
  },
  SERVICE_UNAVAILABLE: {
    title: 'The database is not reachable',
    advice: 'The API is up but cannot reach its PostgreSQL database. Try again in a moment.',
  },
  RATE_LIMITED: { title: 'Too many requests', advice: "This key has used up its request budget for the minute. Wait a moment, then try again." },
  BAD_USER_INPUT: { title: 'The API refused these settings', advice: 'Change the period or filters above.' },
  OTHER: { title: 'Something went wrong', advice: 'Try again; if it persists, the server log has the details.' },
};

export function ProblemState({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { title, advice } = ADVICE[problem.kind];
  return (
    <div className={`state state-problem problem-${problem.kind.toLowerCase()}`} role="alert">
      <h2>{title}</h2>
      <p>{advice}</p>
      {problem.kind !== 'API_DOWN' && <p className="detail">The API said: {problem.message}</p>}
      {onRetry && problem.kind !== 'FORBIDDEN' && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  return <ProblemState problem={problemOf(error)} onRetry={onRetry} />;
}

export function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="state state-empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** The one way a view waits for, fails or renders its query. */
export function QueryState<T>(props: {
  result: { data?: T; error?: CombinedError; fetching: boolean };
  what: string;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const { data, error, fetching } = props.result;
  if (error && !data) return <ErrorState error={error} onRetry={props.onRetry} />;
  if (!data) return fetching ? <Loading what={props.what} /> : null;
  return <>{props.children(data)}</>;
}
