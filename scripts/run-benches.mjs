// npm run bench: builds, then runs every bench/*.ts (or those named on the command line) in turn.
// Each bench prints one JSON line with its figures.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
for (const f of benches) {
  execFileSync(process.execPath, ['--import', 'tsx', `bench/${f}`], { stdio: 'inherit' });
}
