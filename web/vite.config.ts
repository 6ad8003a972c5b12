import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dashboard's build. The API server serves `web/dist` at `/` under a strict Content-Security-Policy (script and style only
 * from the same origin), so the build emits no inline script or style and loads nothing from elsewhere.
 */
export default defineConfig({
  plugins: [react()],
  // The repository root keeps React 18 for GraphiQL; the dashboard is built with its own React 19, one copy of it.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything as files: a data: URL would need a wider CSP.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    sourcemap: false,
  },
  server: {
    // `npm run dev -w web` proxies the API of a server started with `npm start`.
    proxy: { '/graphql': process.env.JOURNEYGRAPH_API ?? 'http://localhost:4000' },
  },
});
