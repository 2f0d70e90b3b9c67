import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/svelte';
import type { Client as WsClient } from 'graphql-ws';

let ws: WsClient | null = null;

function graphqlWsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

/**
 * Created on the first subscription, so pages without live data open no socket; its code is
 * fetched then too, after the first screen rather than before it (#15).
 */
async function wsClient(): Promise<WsClient> {
  const { createClient } = await import('graphql-ws');
  ws ??= createClient({ url: graphqlWsUrl(), lazy: true, retryAttempts: Infinity });
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
            let unsubscribe: (() => void) | null = null;
            let cancelled = false;
            wsClient().then(
              (socket) => {
                if (!cancelled) unsubscribe = socket.subscribe(operation, sink);
              },
              (error: unknown) => sink.error(error),
            );
            return {
              unsubscribe() {
                cancelled = true;
                unsubscribe?.();
              },
            };
          },
        };
      },
    }),
  ],
});
