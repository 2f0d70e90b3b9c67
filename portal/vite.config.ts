import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      // In development the API runs on its own port; in production it serves the portal itself.
      '/graphql': { target: 'http://localhost:3100', ws: true, changeOrigin: true },
    },
  },
});
