/**
 * The terminal's error log: `<dataDir>/logs/pos.log`, 0600, rotated at `maxBytes` (pos.log.1 … keep).
 * Stack traces and raw messages go here, never to the cashier's screen. Writing never throws: a full
 * disk must not turn a logged error into a crash.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LogFile {
  readonly file: string;
  write(line: string): void;
}

export function createLogFile(dir: string, opts: { maxBytes: number; keep: number }): LogFile {
  const file = path.join(dir, 'pos.log');
  let size: number | null = null;
  const rotate = () => {
    for (let i = opts.keep; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      if (!fs.existsSync(from)) continue;
      if (i === opts.keep) fs.rmSync(`${file}.${i}`, { force: true });
      fs.renameSync(from, `${file}.${i}`);
    }
    size = 0;
  };
  return {
    file,
    write(line) {
      const text = `${new Date().toISOString()} ${line.replace(/\n(?!$)/g, '\n    ')}\n`;
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        size ??= fs.existsSync(file) ? fs.statSync(file).size : 0;
        if (size + Buffer.byteLength(text) > opts.maxBytes && size > 0) rotate();
        fs.appendFileSync(file, text, { mode: 0o600 });
        size += Buffer.byteLength(text);
      } catch {
        // nowhere left to say it: the terminal goes on
      }
    },
  };
}
