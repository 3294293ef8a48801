import { mkdirSync, readdirSync, readFileSync, truncateSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodedTable as StoreTable } from '../store/row-codec.js';

/** The tables the collector spools (costs arrive through imports, not the collector). */
type EncodedTable = Extract<StoreTable, 'touchpoints' | 'identities'>;

/** Encoded rows per table: what one request appends. */
export interface SpoolBatch {
  touchpoints: string[];
  identities: string[];
}

export const emptyBatch = (): SpoolBatch => ({ touchpoints: [], identities: [] });

const TABLES: EncodedTable[] = ['touchpoints', 'identities'];

/** A closed segment: per table, a file of JSONCompactEachRow lines (the engine's insert body as is). */
export interface SegmentFiles {
  seq: number;
  files: Partial<Record<EncodedTable, string>>;
  rows: number;
}

interface Segment {
  seq: number;
  handles: Partial<Record<EncodedTable, FileHandle>>;
  rows: number;
}

interface Waiter {
  batch: SpoolBatch;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The collector's write-ahead log. `append` resolves only after its rows are written and
 * `fdatasync`'d, so an acknowledged event survives a crash or power cut before it reaches the
 * engine. Concurrent appends share one write + fdatasync (group commit). A segment holds one file
 * per table whose lines are the rows' stored form (`store/row-codec.ts`), so the writer hands a
 * file to the engine as it is, and no row stays in the heap between acknowledgement and insert.
 * Segments found at start-up are replayed.
 */
export class Spool {
  private seg!: Segment;
  private seq = 0;
  private waiting: Waiter[] = [];
  private loop: Promise<void> | null = null;
  private inflight: Promise<void> = Promise.resolve();

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<{ spool: Spool; leftover: SegmentFiles[] }> {
    mkdirSync(dir, { recursive: true });
    const bySeq = new Map<number, SegmentFiles>();
    for (const f of readdirSync(dir)) {
      const m = /^seg-(\d+)\.(touchpoints|identities)\.ndjson$/.exec(f);
      if (!m) continue;
      const seq = Number(m[1]);
      const seg = bySeq.get(seq) ?? { seq, files: {}, rows: 0 };
      const path = join(dir, f);
      seg.rows += dropTornTail(path);
      seg.files[m[2] as EncodedTable] = path;
      bySeq.set(seq, seg);
    }
    const leftover = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    const spool = new Spool(dir);
    spool.seq = leftover.length ? leftover[leftover.length - 1]!.seq + 1 : 1;
    spool.seg = spool.newSegment();
    return { spool, leftover };
  }

  private newSegment(): Segment {
    return { seq: this.seq++, handles: {}, rows: 0 };
  }

  private file(seq: number, table: EncodedTable): string {
    return join(this.dir, `seg-${String(seq).padStart(12, '0')}.${table}.ndjson`);
  }

  /** Durably append rows; resolves after fdatasync. */
  append(batch: SpoolBatch): Promise<void> {
    if (batch.touchpoints.length + batch.identities.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      if (!this.loop) this.loop = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.waiting.length) {
        const group = this.waiting;
        this.waiting = [];
        const run = this.writeGroup(this.seg, group);
        this.inflight = run;
        await run;
      }
    } finally {
      this.loop = null;
    }
  }

  private async writeGroup(seg: Segment, group: Waiter[]): Promise<void> {
    try {
      let rows = 0;
      for (const table of TABLES) {
        let text = '';
        for (const w of group) for (const line of w.batch[table]) text += `${line}\n`;
        if (!text) continue;
        let fh = seg.handles[table];
        if (!fh) seg.handles[table] = fh = await open(this.file(seg.seq, table), 'a');
        await fh.write(text);
        await fh.datasync();
        for (const w of group) rows += w.batch[table].length;
      }
      seg.rows += rows;
    } catch (e) {
      for (const w of group) w.reject(e);
      return;
    }
    for (const w of group) w.resolve();
  }

  /** Rows acknowledged into the current segment (what the writer inserts next). */
  get pending(): number {
    return this.seg.rows;
  }

  /**
   * Start a new segment and return the previous one. New appends go to the new segment at once;
   * only the group commit already writing to the old one is awaited, so rotation never waits for a
   * busy collector to fall idle.
   */
  async rotate(): Promise<SegmentFiles> {
    const old = this.seg;
    this.seg = this.newSegment();
    await this.inflight;
    const files: SegmentFiles['files'] = {};
    for (const table of TABLES) {
      const fh = old.handles[table];
      if (!fh) continue;
      await fh.close();
      files[table] = this.file(old.seq, table);
    }
    return { seq: old.seq, files, rows: old.rows };
  }

  /** Forget a segment whose rows are safely in the engine. */
  static discard(seg: SegmentFiles): void {
    for (const file of Object.values(seg.files)) {
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }

  async close(): Promise<void> {
    while (this.loop) await this.loop;
    for (const fh of Object.values(this.seg.handles)) await fh.close();
  }
}

/**
 * A crash mid-write can leave a torn last line, never acknowledged: cut the file after its last
 * newline so it is a valid insert body. (Whole lines of an unacknowledged write may survive too;
 * storing them is harmless, the client's retry is then a duplicate and dropped.) Returns the rows.
 */
function dropTornTail(path: string): number {
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end < bytes.length) truncateSync(path, end);
  let rows = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) rows++;
  return rows;
}
