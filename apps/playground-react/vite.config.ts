import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The playground server (apps/playground) serves this build at /react/ next to /api/config and
// /api/token. In `vite dev`, those requests go to a running playground server instead.
const server = process.env.PLAYGROUND_URL ?? 'http://127.0.0.1:5173';

export default defineConfig(({ command }) => ({
  base: '/react/',
  plugins: [react()],
  // Dev runs on the workspace sources (instant edits across packages); the build uses the
  // packages' dist, i.e. exactly what npm users get.
  resolve:
    command === 'serve' ? { conditions: ['@cobrowse-kit/source', ...defaultClientConditions] } : {},
  build: { outDir: 'dist', target: 'es2022' },
  server: { port: 5174, proxy: { '/api': server, '/config.js': server } },
}));
