import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from './spool.js';

describe('Spool', () => {
  it('acknowledges appends into per-table segment files and rotates without losing any', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdm-spool-'));
    const { spool, leftover } = await Spool.open(dir);
    expect(leftover).toEqual([]);
    await Promise.all([
      spool.append({ touchpoints: ['["a"]', '["b"]'], identities: [] }),
      spool.append({ touchpoints: ['["c"]'], identities: ['["i"]'] }),
    ]);
    expect(spool.pending).toBe(4);
    const seg = await spool.rotate();
    expect(seg.rows).toBe(4);
    expect(readFileSync(seg.files.touchpoints!, 'utf8').split('\n').filter(Boolean).sort()).toEqual([
      '["a"]',
      '["b"]',
      '["c"]',
    ]);
    expect(readFileSync(seg.files.identities!, 'utf8')).toBe('["i"]\n');
    await spool.append({ touchpoints: ['["d"]'], identities: [] });
    expect(spool.pending).toBe(1);
    Spool.discard(seg);
    await spool.close();
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('replays leftover segments at open and cuts a torn last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdm-spool-'));
    const first = await Spool.open(dir);
    await first.spool.append({ touchpoints: ['["a"]', '["b"]'], identities: [] });
    await first.spool.close();
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file!), '["tor');
    const again = await Spool.open(dir);
    expect(again.leftover).toHaveLength(1);
    expect(again.leftover[0]!.rows).toBe(2);
    expect(readFileSync(again.leftover[0]!.files.touchpoints!, 'utf8')).toBe('["a"]\n["b"]\n');
    // New segments continue after the replayed ones.
    await again.spool.append({ touchpoints: ['["c"]'], identities: [] });
    const seg = await again.spool.rotate();
    expect(seg.seq).toBeGreaterThan(again.leftover[0]!.seq);
    await again.spool.close();
  });
});
