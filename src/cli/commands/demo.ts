import type { Command } from 'commander';
import { progress } from '../progress.js';
import { adminTarget, withStores, type GlobalOptions } from '../target.js';
import { CliError } from '../errors.js';

interface DemoResult {
  workspace: { id: string; name: string };
  writeKey: string;
  secretKey: string;
  user?: { email: string; password: string };
  counts: Record<string, number>;
}

/** Where the dashboard is: the running server's address, else where `npm start` will serve it. */
function dashboardUrl(): string {
  return process.env.RENDEMENT_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 8080}`;
}

export function demoCommand(program: Command, g: () => GlobalOptions): void {
  program
    .command('demo')
    .description('Create the workspace "demo" with 120 days of realistic data and print its keys')
    .option('--days <n>', 'days of history (≥ 90)', '120')
    .option('--seed <n>', 'random seed (same seed, same data)', '42')
    .option('--json', 'print JSON')
    .action(async (o: { days: string; seed: string; json?: boolean }) => {
      const days = Number(o.days);
      const seed = Number(o.seed);
      if (!Number.isInteger(days) || days < 90) throw new CliError('--days must be a whole number ≥ 90.', 2);
      if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number.', 2);
      const target = await adminTarget(g());
      let result: DemoResult;
      if ('api' in target) {
        console.error('A server owns the data directory: it is generating the demo data (about 20 seconds)…');
        result = await target.api.request<DemoResult>('POST', '/v1/admin/demo', {});
      } else {
        const { seedDemo } = await import('../../services/demo/index.js');
        const bar = progress('Generating demo data');
        try {
          result = await withStores(target.cfg, (stores) =>
            seedDemo(stores, { now: Date.now(), days, seed, onProgress: (d, t) => bar.update(d, t) }),
          );
        } catch (e) {
          if (e instanceof Error && /exists/i.test(e.message))
            throw new CliError(`${e.message}. Remove the data directory or use another one to start over.`);
          throw e;
        } finally {
          bar.stop();
        }
      }
      if (o.json) return console.log(JSON.stringify(result, null, 2));
      console.log(`Demo workspace "${result.workspace.name}" (${result.workspace.id}) is ready.
  write key   ${result.writeKey}
  secret key  ${result.secretKey}
  data        ${Object.entries(result.counts)
    .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
    .join(', ')}
${
  result.user
    ? `Dashboard: sign in at ${'api' in target ? target.api.baseUrl : dashboardUrl()} as ${result.user.email} with the password ${result.user.password}
`
    : ''
}Try: RENDEMENT_API_KEY=${result.secretKey} rendement export events --from … --to …`);
    });
}
