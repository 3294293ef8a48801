import type { EventStore } from '../store/ports.js';
import { stat } from 'node:fs/promises';
import { Spool, type SegmentFiles } from './spool.js';

/** Closes the current spool segment and hands it over (the spool lives in the collector's worker). */
export type Rotate = () => Promise<SegmentFiles>;

export interface WriterOptions {
  /** Flush at least this often (ms). */
  intervalMs?: number;
  onError?: (e: unknown) => void;
}

/**
 * Moves acknowledged records from the spool into the event store in large batches (the engine
 * likes few big inserts, the collector gets many small requests). A segment is deleted only after
 * its insert succeeded; a failed insert is retried on the next tick with the segment still on disk.
 */
export class SpoolWriter {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failed: SegmentFiles[] = [];
  private readonly intervalMs: number;

  constructor(
    private readonly rotate: Rotate,
    private readonly store: EventStore,
    private readonly opts: WriterOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 1000;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  /** Insert everything acknowledged so far; resolves when it is in the engine. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.doFlush().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async doFlush(): Promise<void> {
    const segments = [...this.failed];
    this.failed = [];
    const current = await this.rotate();
    if (current.rows > 0) segments.push(current);
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      try {
        await insertSegment(this.store, seg);
        Spool.discard(seg);
      } catch (e) {
        this.failed.push(...segments.slice(i));
        this.opts.onError?.(e);
        throw e;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

/** Insert a closed segment: each table's file is already the engine's insert body. */
export async function insertSegment(store: EventStore, seg: SegmentFiles): Promise<void> {
  for (const [table, file] of Object.entries(seg.files) as Array<[keyof SegmentFiles['files'], string]>) {
    if ((await stat(file)).size > 0) await store.insertEncodedFile(table, file);
  }
}
