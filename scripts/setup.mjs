#!/usr/bin/env node
// `npm run setup`: installs what is missing, and only that, so it is quick when nothing is.
//  1. Debian packages the terminal and its tests use (Chromium, a CJK font, libusb for node-hid,
//     udev for serial enumeration, poppler for PDF checks): installed when absent and we are root;
//     otherwise a clear message naming them.
//  2. npm packages: `npm ci` when node_modules is missing or older than package-lock.json.
//  3. The build (renderer, bundles), when any source is newer than the last build.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const t0 = Date.now();
const say = (m) => console.log(`[setup] ${m}`);

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`[setup] Node ${process.versions.node} is too old: Node 20 or newer is needed.`);
  process.exit(1);
}

// 1. Debian packages
const DEB = [
  { pkg: 'chromium', why: 'the renderer in browser mode and the UI tests', check: ['/usr/bin/chromium'] },
  { pkg: 'fonts-noto-cjk', why: 'Chinese text on screen and in PDFs', check: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'] },
  { pkg: 'libusb-1.0-0', why: 'node-hid (USB HID card readers and scanners)', check: ['/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0', '/usr/lib/aarch64-linux-gnu/libusb-1.0.so.0', '/lib/x86_64-linux-gnu/libusb-1.0.so.0'] },
  { pkg: 'udev', why: 'serial port enumeration (udevadm)', check: ['/usr/bin/udevadm', '/bin/udevadm'] },
  { pkg: 'poppler-utils', why: 'PDF export checks (pdftotext, pdftoppm)', check: ['/usr/bin/pdftotext'] },
  { pkg: 'gcc', why: 'the card-library tests build small C libraries (vendor iReadCardBas)', check: ['/usr/bin/gcc'] },
  { pkg: 'postgresql', why: 'the institution database: its tests, benches and `npm run institution-demo` start a throwaway server', check: ['/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/16/bin/initdb', '/usr/lib/postgresql/17/bin/initdb'] },
  { pkg: 'openssl', why: 'the TLS tests make a private CA and certificates', check: ['/usr/bin/openssl'] },
];
const hasDpkg = fs.existsSync('/usr/bin/dpkg-query');
const installed = (d) => d.check.some((f) => fs.existsSync(f)) || (hasDpkg && spawnSync('dpkg-query', ['-W', '-f=${Status}', d.pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed'));
const missing = DEB.filter((d) => !installed(d));
if (missing.length === 0) say('Debian packages: all present');
else if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
  say(`not a Debian system: install by hand if you need them: ${missing.map((d) => `${d.pkg} (${d.why})`).join(', ')}`);
} else if (process.getuid?.() !== 0) {
  say(`missing Debian packages (run as root or ask your admin): sudo apt-get install -y ${missing.map((d) => d.pkg).join(' ')}`);
  for (const d of missing) say(`  ${d.pkg}: ${d.why}`);
} else {
  say(`installing Debian packages: ${missing.map((d) => d.pkg).join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((d) => d.pkg)], { stdio: 'inherit', env });
}

// 2. npm packages
const stamp = 'node_modules/.package-lock.json';
const needInstall = !fs.existsSync(stamp) || fs.statSync('package-lock.json').mtimeMs > fs.statSync(stamp).mtimeMs;
if (needInstall) {
  say('installing npm packages (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else say('npm packages: up to date');

// 3. build when a source is newer than the last build
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const built = fs.existsSync('dist/.built') ? fs.statSync('dist/.built').mtimeMs : 0;
const srcTime = Math.max(newest('src'), ...['package-lock.json', 'vite.config.ts', 'scripts/build.mjs'].filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
if (srcTime > built) {
  say('building…');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else say('build: up to date');
say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
