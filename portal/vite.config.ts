import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/**
 * The portal's own code shared by several screens, one chunk a domain (`lib/board` with
 * `lib/components/board`, and so on) rather than one per component. Each language's messages stay
 * a chunk of their own, fetched only when that language is needed.
 */
function libraryChunk(id: string): string | null {
  if (/[\\/]lib[\\/]i18n[\\/](en|zh-CN)\.ts$/.test(id)) return null;
  const domain = /[\\/]src[\\/]lib[\\/](?:components[\\/](?=[a-z-]+[\\/]))?([a-z-]+)[\\/]/.exec(id)?.[1];
  return domain ? `lib-${domain}` : /[\\/]src[\\/]lib[\\/]/.test(id) ? 'lib' : null;
}

export default defineConfig({
  plugins: [sveltekit()],
  build: { sourcemap: process.env.SOURCEMAP === '1' },
  environments: {
    client: {
      build: {
        rolldownOptions: {
          output: {
            // The libraries (Svelte, SvelteKit, urql, graphql-ws) in one chunk that every screen shares
            // and the browser keeps cached; left alone the bundler cuts them into many small files, and
            // on a phone's connection (HTTP/1.1, six at a time) each round of requests costs a round
            // trip before the first paint (#15). The browser build only: the server build is bundled
            // again by the Node adapter.
            codeSplitting: {
              groups: [
                // graphql-ws stays out: it is fetched with the first live subscription.
                { name: 'vendor', test: /[\\/]node_modules[\\/](?!graphql-ws[\\/])/, priority: 2 },
                { name: libraryChunk, minShareCount: 2, priority: 1 },
              ],
            },
          },
        },
      },
    },
  },
  server: {
    proxy: {
      // In development the API runs on its own port; in production it serves the portal itself.
      '/graphql': { target: 'http://localhost:3100', ws: true, changeOrigin: true },
    },
  },
});
