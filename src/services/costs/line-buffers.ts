/** Bytes per buffer of encoded rows. */
const CHUNK_BYTES = 1 << 22;
/** Characters of encoded lines gathered before they are written into the buffer. */
const PENDING_CHARS = 1 << 16;
const UTF8 = new TextEncoder();

/**
 * Encoded rows (one per line) as UTF-8 buffers off the JS heap, so that a million staged rows do
 * not burden the garbage collector. Lines are gathered some thousand at a time and written with one
 * native call per batch, not per row.
 */
export class LineBuffers {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private pending = '';
  /** Lines added, and those already in `buf`. */
  lines = 0;
  private written = 0;
  private readonly chunks: Buffer[] = [];
  /** Lines up to the end of each chunk. */
  private readonly ends: number[] = [];

  add(line: string): void {
    this.pending += `${line}\n`;
    this.lines++;
    if (this.pending.length >= PENDING_CHARS) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > this.buf.length) {
      this.seal();
      if (text.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += UTF8.encodeInto(text, this.buf.subarray(this.used)).written;
    this.written = this.lines;
  }

  private seal(): void {
    if (this.pending) this.flush();
    if (this.used === 0) return;
    this.chunks.push(this.buf.subarray(0, this.used));
    this.ends.push(this.written);
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  /** All lines, in groups of about `linesPerGroup` (whole chunks), with the lines up to each group's end. */
  groups(linesPerGroup: number): Array<{ chunks: Buffer[]; end: number }> {
    this.seal();
    const out: Array<{ chunks: Buffer[]; end: number }> = [];
    let start = 0;
    let group: Buffer[] = [];
    this.chunks.forEach((c, i) => {
      group.push(c);
      const end = this.ends[i] as number;
      if (end - start >= linesPerGroup || i === this.chunks.length - 1) {
        out.push({ chunks: group, end });
        group = [];
        start = end;
      }
    });
    return out;
  }
}
