import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Output in `build/`: the API server mounts build/handler.js on its own origin.
    adapter: adapter(),
    // Absolute asset paths: with client-side rendering a relative favicon path breaks on nested pages (/tickets/desk).
    paths: { relative: false },
  },
};

export default config;
