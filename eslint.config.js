// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule of DESIGN.md: pure modules do no I/O and import only the modules below them;
 * only services/ combines pure modules with store ports; only http/, cli/ and the composition root
 * pick adapters. Each entry lists the folders a module may NOT import.
 */
const ALL = [
  'core',
  'attribution',
  'stats',
  'forecast',
  'budget',
  'partners',
  'imports',
  'ingest',
  'store',
  'services',
  'http',
  'cli',
];
const NODE_IO = [
  'node:*',
  'fs',
  'fs/*',
  'http',
  'https',
  'net',
  'child_process',
  'worker_threads',
  'path',
  'os',
];
const allowed = {
  core: [],
  attribution: ['core'],
  stats: ['core'],
  forecast: ['core'],
  partners: ['core'],
  imports: ['core'],
  budget: ['core', 'stats', 'forecast'],
  ingest: ['core', 'store/ports'],
  store: ['core', 'store'],
  services: [
    'core',
    'attribution',
    'stats',
    'forecast',
    'budget',
    'partners',
    'imports',
    'ingest',
    'store/ports',
    'services',
  ],
};
const PURE = ['core', 'attribution', 'stats', 'forecast', 'budget', 'partners', 'imports'];

function forbiddenFor(mod) {
  const ok = allowed[mod];
  const banned = ALL.filter(
    (m) => !ok.includes(m) && m !== mod && !(m === 'store' && ok.includes('store/ports')),
  );
  const patterns = banned.map((m) => ({
    group: [`**/${m}`, `**/${m}/**`, `../${m}/*`, `../../${m}/*`],
    message: `Dependency rule (DESIGN.md): ${mod}/ may import only ${ok.join(', ') || 'nothing of ours'}.`,
  }));
  if (ok.includes('store/ports')) {
    patterns.push({
      group: ['**/store/events/**', '**/store/app/**', '**/store/events', '**/store/app'],
      message: `Dependency rule (DESIGN.md): ${mod}/ uses store ports (store/ports.ts), never an adapter.`,
    });
  }
  if (PURE.includes(mod)) {
    patterns.push({
      group: NODE_IO,
      message: `Dependency rule (DESIGN.md): ${mod}/ is a pure module: no I/O, usable in the browser.`,
    });
  }
  return patterns;
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'web/dist/**',
      'coverage/**',
      'src/http/snippet/t.src.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...Object.keys(allowed).map((mod) => ({
    files: [`src/${mod}/**/*.ts`],
    ignores: [`src/${mod}/**/*.test.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: forbiddenFor(mod) }] },
  })),
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
);
