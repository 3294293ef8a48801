import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = join(import.meta.dirname, '..', 'dist', 'web');

/** Write `.gz` beside every text asset, so that the server sends them pre-compressed (no CPU per request). */
function gzipAssets(): Plugin {
  return {
    name: 'rendement-gzip-assets',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) => {
          const p = join(dir, f);
          return statSync(p).isDirectory() ? walk(p) : [p];
        });
      for (const file of walk(outDir))
        if (/\.(js|css|html|svg|json)$/.test(file))
          writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), gzipAssets()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev` serves the API on 8080; `npx vite web` proxies to it.
    proxy: {
      '/v1': 'http://localhost:8080',
      '/r': 'http://localhost:8080',
      '/t.js': 'http://localhost:8080',
    },
  },
});
