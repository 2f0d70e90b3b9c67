import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A graphql-ws client that presents the session cookie, as a browser on the same origin would. */
export function wsClient(baseUrl: string, cookie: string | null): WsClient {
  class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} });
    }
  }
  return createClient({ url: `${baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: CookieWebSocket, retryAttempts: 0, lazy: true });
}

/** Collects subscription results until `until` says stop (or the time runs out). */
export function collect<T, V extends Record<string, unknown>>(
  client: WsClient,
  document: TypedDocumentNode<T, V>,
  variables: V,
): { results: T[]; errors: unknown[]; next(predicate: (value: T) => boolean, timeoutMs?: number): Promise<T>; stop(): void } {
  const results: T[] = [];
  const errors: unknown[] = [];
  const waiters: { predicate: (value: T) => boolean; resolve: (v: T) => void }[] = [];
  const stop = client.subscribe<T>(
    { query: print(document as DocumentNode), variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) {
          const data = value.data as T;
          results.push(data);
          for (const w of [...waiters]) {
            if (w.predicate(data)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(data);
            }
          }
        }
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    results,
    errors,
    stop,
    next(predicate, timeoutMs = 10_000) {
      const already = results.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching event within ${timeoutMs} ms; got ${results.length}: ${JSON.stringify(results.map((r) => JSON.stringify(r).match(/"message":"[^"]*"/g)))}; errors: ${JSON.stringify(errors)}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ predicate, resolve: (v) => (clearTimeout(timer), resolve(v)) });
      });
    },
  };
}
