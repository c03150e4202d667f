#!/usr/bin/env node
/**
 * `npm run dev`: the API server (pretty logs, demo data on an empty database) and the Vite dev server with hot reload,
 * side by side; open http://127.0.0.1:5173 (Vite proxies /api and /docs to the API on PORT, default 3000).
 * Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';
const children = [
  spawn(process.execPath, [join(root, 'bin/techbridge.js'), 'serve', '--port', port], { stdio: 'inherit', env: { ...process.env, PORT: port } }),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), '--config', join(root, 'web/vite.config.ts'), '--host', '127.0.0.1'], {
    stdio: 'inherit',
    env: { ...process.env, TECHBRIDGE_API: `http://127.0.0.1:${port}` },
  }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
