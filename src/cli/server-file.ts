import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `RENDEMENT_DATA_DIR/server.json`: how CLI commands find the server that owns the data directory. */
export interface ServerFile {
  pid: number;
  port: number;
  /** The admin token for admin routes (workspace create, demo); the file is mode 0600. */
  token: string;
  started_at: string;
}

export const serverFilePath = (dataDir: string) => join(dataDir, 'server.json');

export function writeServerFile(dataDir: string, info: ServerFile): void {
  const path = serverFilePath(dataDir);
  writeFileSync(path, JSON.stringify(info, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function removeServerFile(dataDir: string, pid = process.pid): void {
  const info = readServerFile(dataDir);
  if (info && info.pid === pid) rmSync(serverFilePath(dataDir), { force: true });
}

export function readServerFile(dataDir: string): ServerFile | null {
  try {
    return JSON.parse(readFileSync(serverFilePath(dataDir), 'utf8')) as ServerFile;
  } catch {
    return null;
  }
}

/** The running server of this data directory, if one answers its health check. */
export async function liveServer(dataDir: string): Promise<{ baseUrl: string; token: string } | null> {
  const info = readServerFile(dataDir);
  if (!info) return null;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    // EPERM: alive but not ours to signal; anything else: the server is gone (stale file).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const baseUrl = `http://127.0.0.1:${info.port}`;
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? { baseUrl, token: info.token } : null;
  } catch {
    return null;
  }
}
