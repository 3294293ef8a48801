/**
 * bench/ingest — sustained events/s through POST /v1/events over loopback, batches of 100 and of 1,
 * with p50/p99 latency, against the same load on a bare node:http server (the ceiling).
 * Prints one JSON line. The server runs the built product (dist/) in its own process on the
 * embedded engines, in a fresh data directory; the load generator is autocannon in this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BENCH_USER_AGENT, bodyFactory } from './lib/event-bodies.js';

const ROOT = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function waitForLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += String(d);
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

async function startRendement(
  dataDir: string,
): Promise<{ child: ChildProcess; port: number; token: string }> {
  const child = spawn(
    process.execPath,
    ['dist/cli/main.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--quiet'],
    {
      cwd: ROOT,
      env: { ...process.env, RENDEMENT_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const file = join(dataDir, 'server.json');
  for (let i = 0; i < 300 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  const info = JSON.parse(readFileSync(file, 'utf8')) as { port: number; token: string };
  return { child, ...info };
}

async function load(url: string, perRequest: number, headers: Record<string, string>) {
  const makeBody = bodyFactory(perRequest);
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: {
      'content-type': 'application/json',
      'user-agent': BENCH_USER_AGENT,
      ...headers,
    },
    requests: [{ setupRequest: (req) => Object.assign(req, { body: makeBody() }) }],
  });
  const ok = result['2xx'];
  return {
    requests_per_s: Math.round(ok / DURATION_S),
    events_per_s: Math.round((ok * perRequest) / DURATION_S),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
  };
}

/** One scenario against a fresh server and data directory, so one run's merges don't slow the next. */
async function scenario(perRequest: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdm-bench-ingest-'));
  const srv = await startRendement(dataDir);
  try {
    const base = `http://127.0.0.1:${srv.port}`;
    const ws = (await (
      await fetch(`${base}/v1/admin/workspaces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench' }),
      })
    ).json()) as { write_key: string; secret_key: string };
    const auth = { authorization: `Bearer ${ws.write_key}` };
    // Warm-up: JIT, user-agent cache, first parts in the engine.
    await autocannon({
      url: `${base}/v1/events`,
      method: 'POST',
      connections: 4,
      duration: 2,
      headers: { 'content-type': 'application/json', ...auth },
      body: bodyFactory(perRequest)(),
    });
    const figures = await load(`${base}/v1/events`, perRequest, auth);
    // Everything acknowledged must be in the store: the export flushes the spool first.
    const today = new Date().toISOString().slice(0, 10);
    const exp = await fetch(`${base}/v1/export/events?from=2020-01-01&to=${today}`, {
      headers: { authorization: `Bearer ${ws.secret_key}` },
    });
    // Counted as it streams: at these rates the export outgrows the longest string V8 allows.
    let stored = 0;
    const reader = exp.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read())
      for (const b of r.value) if (b === 10) stored++;
    return { ...figures, stored_rows: stored };
  } finally {
    srv.child.kill('SIGTERM');
    await new Promise((r) => srv.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('Run `npm run build` first (npm run bench does).');
  const bare = spawn(process.execPath, [join(ROOT, 'bench/bare-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const barePort = (JSON.parse(await waitForLine(bare)) as { port: number }).port;
  try {
    const batched = await scenario(100);
    const single = await scenario(1);
    const bareBatched = await load(`http://127.0.0.1:${barePort}/v1/events`, 100, {});
    const bareSingle = await load(`http://127.0.0.1:${barePort}/v1/events`, 1, {});
    console.log(
      JSON.stringify({
        bench: 'ingest',
        duration_s: DURATION_S,
        connections: CONNECTIONS,
        batch_100: {
          ...batched,
          bare_events_per_s: bareBatched.events_per_s,
          ratio_to_bare: +(batched.events_per_s / bareBatched.events_per_s).toFixed(3),
        },
        batch_1: {
          ...single,
          bare_requests_per_s: bareSingle.requests_per_s,
          ratio_to_bare: +(single.requests_per_s / bareSingle.requests_per_s).toFixed(3),
        },
        targets: { batched_events_per_s: 50_000, batched_ratio: 0.3, single_events_per_s: 5_000 },
      }),
    );
  } finally {
    bare.kill('SIGKILL');
  }
}

await main();
