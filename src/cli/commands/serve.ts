import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { configFromEnv } from '../../config.js';
import { openRuntime } from '../../runtime.js';
import { CliError } from '../errors.js';
import { liveServer, removeServerFile, writeServerFile } from '../server-file.js';
import type { GlobalOptions } from '../target.js';

export function serveCommand(program: Command, g: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Run the HTTP server: collector, API and dashboard')
    .option('--port <n>', 'port (default PORT or 8080)')
    .option('--host <h>', 'interface to listen on', undefined)
    .option('--quiet', 'no request log')
    .action(async (o: { port?: string; host?: string; quiet?: boolean }) => {
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new CliError(`--port must be a port number (0–65535), got "${o.port}"`, 2);
      const gl = g();
      const cfg = configFromEnv(process.env, {
        ...(gl.dataDir ? { dataDir: gl.dataDir } : {}),
        ...(port !== undefined ? { port } : {}),
        ...(o.host ? { host: o.host } : {}),
      });
      if (await liveServer(cfg.dataDir))
        throw new CliError(`A Rendement server already runs on ${cfg.dataDir}.`);
      const token = randomBytes(24).toString('base64url');
      const rt = await openRuntime(cfg, { adminToken: token, logger: !o.quiet });
      if (rt.replayed) console.error(`Replayed ${rt.replayed} spooled events from the previous run.`);
      const address = await rt.server.listen({ port: cfg.port, host: cfg.host });
      const actualPort = (rt.server.server.address() as { port: number }).port;
      writeServerFile(cfg.dataDir, {
        pid: process.pid,
        port: actualPort,
        token,
        started_at: new Date().toISOString(),
      });
      const publicUrl = process.env.RENDEMENT_PUBLIC_URL ?? `http://localhost:${actualPort}`;
      console.error(
        `Rendement listening on ${address} (data: ${cfg.dataDir}; events: ${cfg.clickhouseUrl ? 'ClickHouse server' : 'embedded chDB'}; app: ${cfg.databaseUrl ? 'PostgreSQL' : 'SQLite'})`,
      );
      console.error(`Snippet: <script async src="${publicUrl}/t.js" data-key="WRITE_KEY"></script>`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.error(`${signal}: storing spooled events and shutting down…`);
        removeServerFile(cfg.dataDir);
        await rt.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
