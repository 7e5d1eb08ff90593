import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const webRoot = fileURLToPath(new URL('./web', import.meta.url));

/**
 * The browser client. `vite build` writes web/dist, which the server serves on its own port;
 * `npx vite` serves the client with hot reload and passes /api to a server on :8080.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./web/dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Each page is its own chunk (React.lazy); the warning limit is raised for the antd-heavy shell.
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
  },
  server: {
    port: 5173,
    // The web client reads the server's types (and its pure role table) from ../server.
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: `http://localhost:${process.env.GONGZHI_API_PORT ?? '8080'}`, changeOrigin: false } },
  },
  preview: { port: 4173 },
});
