import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/svelte';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

let ws: WsClient | null = null;

function graphqlWsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

/** Created on the first subscription, so pages without live data open no socket. */
function wsClient(): WsClient {
  ws ??= createWsClient({ url: graphqlWsUrl(), lazy: true, retryAttempts: Infinity });
  return ws;
}

/**
 * The socket authenticates with the session cookie when it connects; after signing in or
 * out it must reconnect to act as the new person.
 */
export function resetSubscriptions(): void {
  void ws?.dispose();
  ws = null;
}

export const client = new Client({
  url: '/graphql',
  // Apollo's CSRF prevention refuses simple GET requests.
  preferGetMethod: false,
  fetchOptions: { credentials: 'same-origin' },
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const operation = { ...request, query: request.query ?? '' };
        return {
          subscribe(sink) {
            const unsubscribe = wsClient().subscribe(operation, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});
