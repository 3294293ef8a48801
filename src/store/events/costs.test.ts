import { describe, expect, it } from 'vitest';
import { withLineTail } from './costs.js';

describe('withLineTail', () => {
  it('puts the tail before every line break, also for a line split across chunks', () => {
    const chunks = [Buffer.from('a\tb\nc'), Buffer.from('d\n'), Buffer.from(''), Buffer.from('e\n')];
    const out = Buffer.concat([...withLineTail(chunks, Buffer.from('\tX'))]).toString();
    expect(out).toBe('a\tb\tX\ncd\tX\ne\tX\n');
  });
});
