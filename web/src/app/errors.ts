import type { CombinedError } from 'urql';

export type ProblemKind = 'API_DOWN' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'SERVICE_UNAVAILABLE' | 'RATE_LIMITED' | 'BAD_USER_INPUT' | 'OTHER';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** What went wrong, in the words of the API's error codes. */
export function problemOf(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code as string | undefined;
  if (!first && error.networkError) return { kind: 'API_DOWN', message: error.networkError.message };
  if (!first && error.response && (error.response as Response).status >= 500) return { kind: 'API_DOWN', message: error.message };
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'SERVICE_UNAVAILABLE':
    case 'RATE_LIMITED':
    case 'BAD_USER_INPUT':
      return { kind: code, message: first.message };
    default:
      return { kind: 'OTHER', message: first?.message ?? error.message };
  }
}
