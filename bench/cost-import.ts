/**
 * bench/cost-import — a Meta Ads Manager CSV export (UTF-8 with BOM, English headers, one row per
 * day × campaign × ad set × ad) imported from disk into the embedded stores through
 * `importCostBytes`, the function `rendement import` uses: read file → readCostRows (each row
 * encoded for the store as it is read) → record the import → insertCostLines (staged file → chDB).
 * Rows default to 1,000,000 (BENCH_COST_ROWS overrides). The file comes from a seeded PRNG, so
 * every run imports the same bytes. Prints one JSON line.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromEnv } from '../src/config.js';
import { readCostRows } from '../src/imports/index.js';
import { openStores } from '../src/runtime.js';
import { importCostBytes } from '../src/services/costs/index.js';
import { createWorkspaceWithKeys } from '../src/services/workspaces.js';
import { prng } from './lib/prng.js';

const ROWS = Number(process.env.BENCH_COST_ROWS ?? 1_000_000);
const SEED = 0x5eed;
const DAYS = 365;
const FIRST_DAY = Date.UTC(2025, 0, 1);

const HEADER =
  'Reporting starts,Reporting ends,Day,Campaign name,Ad set name,Ad name,Impressions,Link clicks,Amount spent (EUR),Results,Purchases conversion value';

const CAMPAIGNS = [
  'Prospecting BE',
  'Prospecting NL',
  '"Retargeting, BE"',
  'Catalogue – Fietsen',
  'Brand awareness FR',
  'Soldes été FR',
  'Black Friday 2025',
  '"Lookalike 1%, NL"',
];

/** Write `rows` Meta export lines to `file`: rows spread evenly over DAYS days, Day order. */
export async function generateMetaExport(file: string, rows: number, seed = SEED): Promise<void> {
  const rnd = prng(seed);
  const perDay = Math.ceil(rows / DAYS);
  const out = createWriteStream(file);
  let buf = `\uFEFF${HEADER}\n`;
  for (let i = 0; i < rows; i++) {
    const day = new Date(FIRST_DAY + Math.floor(i / perDay) * 86_400_000).toISOString().slice(0, 10);
    const k = i % perDay;
    const campaign = CAMPAIGNS[k % CAMPAIGNS.length]!;
    const adSet = `Ad set ${Math.floor(k / CAMPAIGNS.length) % 50}`;
    const ad = `Ad ${k}`;
    const impressions = Math.floor(rnd() * 20_000);
    const clicks = Math.floor(impressions * rnd() * 0.03);
    const spent = (impressions * (0.002 + rnd() * 0.01)).toFixed(2);
    const results = rnd() < 0.6 ? '' : String(Math.floor(clicks * rnd() * 0.1));
    const value = results === '' || results === '0' ? '' : (Number(results) * (20 + rnd() * 80)).toFixed(2);
    buf += `${day},${day},${day},${campaign},${adSet},${ad},${impressions},${clicks},${spent},${results},${value}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(1);
const since = (t: number) => (performance.now() - t) / 1000;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'rdm-bench-costs-'));
  const file = join(dir, 'meta-export.csv');
  const dataDir = join(dir, 'data');
  try {
    await generateMetaExport(file, ROWS);
    const stores = await openStores(configFromEnv({}, { dataDir }));
    try {
      const created = await createWorkspaceWithKeys(stores.app, { name: 'bench' });
      if ('error' in created) throw new Error('workspace setup failed');
      const ws = created.workspace;

      // Time the store writes apart from the rest of the import (bookkeeping, coverage rows).
      const insertCostLines = stores.events.insertCostLines.bind(stores.events);
      let insertMs = 0;
      stores.events.insertCostLines = async (fixed, chunks) => {
        const t = performance.now();
        await insertCostLines(fixed, chunks);
        insertMs += performance.now() - t;
      };

      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const bytes = readFileSync(file);
      const readS = since(t0);
      let parseS = 0;
      let parsedAt = 0;
      const report = await importCostBytes(stores, ws, bytes, {
        fileName: 'meta-export.csv',
        platform: 'auto',
        by: 'cli',
        // Reading and encoding for the store are one streaming pass: parse_s covers both.
        read: (b, o, onRow, onHeader) => {
          const t = performance.now();
          const r = readCostRows(b, o, onRow, onHeader);
          parsedAt = performance.now();
          parseS = (parsedAt - t) / 1000;
          return r;
        },
      });
      const seconds = since(t0);
      const cpu = process.cpuUsage(cpu0);
      const storeS = (performance.now() - parsedAt) / 1000;
      const peakRss = process.resourceUsage().maxRSS * 1024;
      if (report.status !== 'imported') throw new Error(`import ${report.status}: ${report.message}`);

      // Count through the store port, a month at a time to keep the check's memory small.
      let stored = 0;
      for (let m = 0; m < 13; m++) {
        const from = new Date(Date.UTC(2025, m, 1)).toISOString().slice(0, 10);
        const to = new Date(Date.UTC(2025, m + 1, 0)).toISOString().slice(0, 10);
        stored += (await stores.events.listCosts(ws.id, { from, to })).length;
      }
      if (stored !== ROWS) throw new Error(`stored ${stored} rows, expected ${ROWS}`);

      console.log(
        JSON.stringify({
          bench: 'cost-import',
          rows: ROWS,
          file_mb: mb(statSync(file).size),
          seconds: +seconds.toFixed(2),
          rows_per_s: Math.round(ROWS / seconds),
          read_s: +readS.toFixed(3),
          parse_s: +parseS.toFixed(2),
          store_s: +storeS.toFixed(2),
          insert_s: +(insertMs / 1000).toFixed(2),
          // CPU time of the whole import (JS and the engine's threads): steadier than wall time on
          // a shared machine.
          cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2),
          load_avg: +loadavg()[0]!.toFixed(1),
          peak_rss_mb: mb(peakRss),
          stored_rows: stored,
          target_rows_per_s: 200_000,
        }),
      );
    } finally {
      await stores.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run when executed (not when a scratch script imports generateMetaExport).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
