import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Output in `build/`: the API server mounts build/handler.js on its own origin.
    adapter: adapter(),
    // The CSS a page needs, inlined into its HTML: no render-blocking stylesheet requests before the first paint (#15).
    inlineStyleThreshold: Infinity,
    // Absolute asset paths: with client-side rendering a relative favicon path breaks on nested pages (/tickets/desk).
    paths: { relative: false },
    // The page's Content-Security-Policy. SvelteKit puts a fresh nonce on its own boot script, so no
    // other script runs: an injected <script> or inline handler is refused by the browser. Svelte
    // writes style attributes (transitions), hence 'unsafe-inline' for styles only. The browser
    // suite visits every screen and fails on any violation.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
