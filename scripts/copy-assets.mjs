// Copies the non-TypeScript files the compiled server reads at run time into dist/.
import { cpSync, mkdirSync } from 'node:fs';

const assets = [
  ['src/store/events/migrations', 'dist/store/events/migrations'],
  ['src/http/snippet/t.src.js', 'dist/http/snippet/t.src.js'],
];
for (const [from, to] of assets) {
  mkdirSync(to.replace(/\/[^/]+\.js$/, ''), { recursive: true });
  cpSync(from, to, { recursive: true });
}
