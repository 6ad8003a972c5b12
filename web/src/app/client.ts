import { Client, cacheExchange, fetchExchange } from 'urql';

/** Where the API answers: the same origin (the API server serves this app), or VITE_API_URL at build time. */
export const API_URL: string = import.meta.env.VITE_API_URL ?? '/graphql';

/** One urql client per signed-in key: the key goes in every request, and signing out drops the client and its cache. */
export function createClient(apiKey: string): Client {
  return new Client({
    url: API_URL,
    exchanges: [cacheExchange, fetchExchange],
    // POST with a JSON body: the server's CSRF prevention refuses simple GET requests.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
  });
}
