import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityRow, TouchpointRow } from '../core/records.js';

export type SpoolRecord = { k: 'tp'; r: TouchpointRow } | { k: 'id'; r: IdentityRow };

interface Waiter {
  data: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The collector's write-ahead log. `append` resolves only after the records are written and
 * `fdatasync`'d, so an acknowledged event survives a crash or power cut before it reaches the
 * engine. Concurrent appends share one write + fdatasync (group commit): under load one disk flush
 * covers many requests. Segments are rotated and handed to the writer, which deletes a segment once
 * the engine has its rows; segments left at start-up are replayed.
 */
export class Spool {
  private fh: FileHandle | null = null;
  private seq = 0;
  private waiting: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private pendingRecords: SpoolRecord[] = [];

  private constructor(private readonly dir: string) {}

  /** Open the spool; returns it with the records of segments left by an earlier run (oldest first). */
  static async open(dir: string): Promise<{ spool: Spool; leftover: Array<{ file: string; records: SpoolRecord[] }> }> {
    mkdirSync(dir, { recursive: true });
    const files = readdirSync(dir)
      .filter((f) => /^seg-\d+\.ndjson$/.test(f))
      .sort((a, b) => segNo(a) - segNo(b));
    const leftover = files.map((f) => ({ file: join(dir, f), records: readSegment(join(dir, f)) }));
    const spool = new Spool(dir);
    spool.seq = files.length ? segNo(files[files.length - 1]!) + 1 : 1;
    await spool.openSegment();
    return { spool, leftover };
  }

  private async openSegment(): Promise<void> {
    this.fh = await open(this.segPath(this.seq), 'a');
  }

  private segPath(n: number): string {
    return join(this.dir, `seg-${String(n).padStart(12, '0')}.ndjson`);
  }

  /** Durably append records; resolves after fdatasync. */
  append(records: SpoolRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const data = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({
        data,
        resolve: () => {
          for (const r of records) this.pendingRecords.push(r);
          resolve();
        },
        reject,
      });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.waiting.length) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          const fh = this.fh;
          if (!fh) throw new Error('spool is closed');
          await fh.write(batch.map((w) => w.data).join(''));
          await fh.datasync();
          for (const w of batch) w.resolve();
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Records acknowledged since the last rotation (what the writer should insert next). */
  get pending(): number {
    return this.pendingRecords.length;
  }

  /**
   * Close the current segment and start a new one; returns the closed segment's file and the
   * acknowledged records it holds. Waits for an in-flight group commit so no record is split.
   */
  async rotate(): Promise<{ file: string; records: SpoolRecord[] }> {
    while (this.flushing) await this.flushing;
    const file = this.segPath(this.seq);
    const records = this.pendingRecords;
    this.pendingRecords = [];
    await this.fh?.close();
    this.seq += 1;
    await this.openSegment();
    return { file, records };
  }

  /** Forget a segment whose records are safely in the engine. */
  static discard(file: string): void {
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.fh?.close();
    this.fh = null;
  }
}

const segNo = (f: string): number => Number(/seg-(\d+)/.exec(f)?.[1] ?? 0);

/** Read a segment; a torn last line (crash mid-write, never acknowledged) is dropped. */
function readSegment(file: string): SpoolRecord[] {
  const out: SpoolRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as SpoolRecord);
    } catch {
      // Only the last line can be torn, and it was not acknowledged: nothing acknowledged is lost.
    }
  }
  return out;
}
