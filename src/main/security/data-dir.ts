/**
 * The data directory holds settlements, keys, logs and exports: only the terminal's own OS user may
 * read it. At start the folder is made 0700 and its files 0600 (what was looser is tightened and said,
 * so an installer sees it in the log); what cannot be fixed (another owner) is said too.
 */
import fs from 'node:fs';
import path from 'node:path';

/** the folders whose files are the terminal's own; deeper trees (the Chromium profile) keep their modes */
const OWN_FOLDERS = ['', 'keys', 'logs', 'exports'];

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/** Tighten permissions; returns one sentence per thing that was (or still is) wrong. */
export function secureDataDir(dataDir: string, platform = process.platform): string[] {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return []; // NTFS ACLs, not mode bits: the installer sets them (docs/security.md)
  const problems: string[] = [];
  const uid = process.getuid?.();
  for (const sub of OWN_FOLDERS) {
    const dir = path.join(dataDir, sub);
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      continue;
    }
    if (uid !== undefined && st.uid !== uid) problems.push(`${dir} belongs to uid ${st.uid}, not to the terminal's user (uid ${uid})`);
    if (st.mode & 0o077) problems.push(tighten(dir, st.mode, 0o700));
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isFile()) continue;
      const file = path.join(dir, e.name);
      const fst = fs.statSync(file);
      if (fst.mode & 0o077) problems.push(tighten(file, fst.mode, 0o600));
    }
  }
  return problems;
}

function tighten(p: string, mode: number, to: number): string {
  try {
    fs.chmodSync(p, to);
    return `${p} was ${octal(mode)} (readable by other users); now ${octal(to)}`;
  } catch (e) {
    return `${p} is ${octal(mode)} (readable by other users) and could not be changed: ${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** free bytes on the file system holding `dir`, or null where the platform cannot say */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
