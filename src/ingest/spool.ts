import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodedTable } from '../store/row-codec.js';

/** Encoded rows per table: the unit the spool acknowledges and the writer inserts. */
export interface SpoolBatch {
  touchpoints: string[];
  identities: string[];
}

export const emptyBatch = (): SpoolBatch => ({ touchpoints: [], identities: [] });

const TAG: Record<EncodedTable, string> = { touchpoints: 'T', identities: 'I' };

interface Segment {
  file: string;
  fh: FileHandle;
  /** What was acknowledged into this segment (written and fdatasync'd). */
  rows: SpoolBatch;
}

interface Waiter {
  batch: SpoolBatch;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The collector's write-ahead log. `append` resolves only after its rows are written and
 * `fdatasync`'d, so an acknowledged event survives a crash or power cut before it reaches the
 * engine. Concurrent appends share one write + fdatasync (group commit). Lines are the rows' stored
 * JSON (`store/row-codec.ts`) behind a one-letter table tag, so nothing is encoded twice.
 * `rotate` hands the current segment to the writer, which deletes it once the engine has its rows;
 * segments found at start-up are replayed.
 */
export class Spool {
  private seg!: Segment;
  private seq = 0;
  private waiting: Waiter[] = [];
  private loop: Promise<void> | null = null;
  private inflight: Promise<void> = Promise.resolve();

  private constructor(private readonly dir: string) {}

  static async open(
    dir: string,
  ): Promise<{ spool: Spool; leftover: Array<{ file: string; rows: SpoolBatch }> }> {
    mkdirSync(dir, { recursive: true });
    const files = readdirSync(dir)
      .filter((f) => /^seg-\d+\.ndjson$/.test(f))
      .sort((a, b) => segNo(a) - segNo(b));
    const leftover = files.map((f) => ({ file: join(dir, f), rows: readSegment(join(dir, f)) }));
    const spool = new Spool(dir);
    spool.seq = files.length ? segNo(files[files.length - 1]!) + 1 : 1;
    spool.seg = await spool.newSegment();
    return { spool, leftover };
  }

  private async newSegment(): Promise<Segment> {
    const file = join(this.dir, `seg-${String(this.seq++).padStart(12, '0')}.ndjson`);
    return { file, fh: await open(file, 'a'), rows: emptyBatch() };
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
        const seg = this.seg;
        const run = this.writeGroup(seg, group);
        this.inflight = run;
        await run;
      }
    } finally {
      this.loop = null;
    }
  }

  private async writeGroup(seg: Segment, group: Waiter[]): Promise<void> {
    let text = '';
    for (const w of group) {
      for (const l of w.batch.touchpoints) text += `${TAG.touchpoints}${l}\n`;
      for (const l of w.batch.identities) text += `${TAG.identities}${l}\n`;
    }
    try {
      await seg.fh.write(text);
      await seg.fh.datasync();
    } catch (e) {
      for (const w of group) w.reject(e);
      return;
    }
    for (const w of group) {
      for (const l of w.batch.touchpoints) seg.rows.touchpoints.push(l);
      for (const l of w.batch.identities) seg.rows.identities.push(l);
      w.resolve();
    }
  }

  /** Rows acknowledged into the current segment (what the writer inserts next). */
  get pending(): number {
    return this.seg.rows.touchpoints.length + this.seg.rows.identities.length;
  }

  /**
   * Start a new segment and return the previous one with its acknowledged rows. New appends go to
   * the new segment at once; only the one group commit already writing to the old segment is
   * awaited, so rotation never waits for a busy collector to fall idle.
   */
  async rotate(): Promise<{ file: string; rows: SpoolBatch }> {
    const old = this.seg;
    this.seg = await this.newSegment();
    await this.inflight;
    await old.fh.close();
    return { file: old.file, rows: old.rows };
  }

  /** Forget a segment whose rows are safely in the engine. */
  static discard(file: string): void {
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  async close(): Promise<void> {
    while (this.loop) await this.loop;
    await this.seg.fh.close();
  }
}

const segNo = (f: string): number => Number(/seg-(\d+)/.exec(f)?.[1] ?? 0);

/** Read a segment; a torn last line (crash mid-write, never acknowledged) is dropped. */
function readSegment(file: string): SpoolBatch {
  const rows = emptyBatch();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const json = line.slice(1);
    try {
      JSON.parse(json);
    } catch {
      // Only the last line can be torn, and it was not acknowledged: nothing acknowledged is lost.
      continue;
    }
    if (line[0] === TAG.touchpoints) rows.touchpoints.push(json);
    else if (line[0] === TAG.identities) rows.identities.push(json);
  }
  return rows;
}
