import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Context } from './shared/context.js';

export interface WebSocketEndpoint {
  dispose(): Promise<void>;
  close(): void;
}

/** GraphQL over WebSocket (graphql-ws) on the HTTP server's port, at /graphql. */
export function attachWebSocket(
  httpServer: http.Server,
  schema: GraphQLSchema,
  contextFor: (req: http.IncomingMessage) => Promise<Context>,
): WebSocketEndpoint {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const cleanup = useServer({ schema, context: (ctx) => contextFor(ctx.extra.request) }, wsServer);
  return {
    dispose: async () => cleanup.dispose(),
    close: () => wsServer.close(),
  };
}
