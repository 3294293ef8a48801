// The browser tests need Chromium (Debian's package; test tools may not download browsers here).
// Installs it when we can (root with apt-get), otherwise stops with a clear instruction — never a silent skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error(`Chromium is needed for the browser tests and was not found at ${path}.
Install it with:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)`);
    process.exit(1);
  }
  console.error("Chromium not found: installing Debian's chromium package for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (!existsSync(path)) {
    console.error(`apt-get finished but ${path} is still missing.`);
    process.exit(1);
  }
}
