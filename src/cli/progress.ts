import cliProgress from 'cli-progress';

/** A progress bar on a terminal; plain, occasional lines when output is not a TTY (logs, CI). */
export function progress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done: number, total: number) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastPct = -1;
  return {
    update(done: number, total: number) {
      const pct = total ? Math.floor((done / total) * 10) * 10 : 0;
      if (pct !== lastPct) {
        lastPct = pct;
        stream.write(`${label}: ${pct}% (${done}/${total})\n`);
      }
    },
    stop() {},
  };
}
