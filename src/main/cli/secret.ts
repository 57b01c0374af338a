/**
 * A PIN for `pos cashier`: never on the command line (any local user reads it with `ps`). Read from
 * the terminal without echo when there is one, else the first line of stdin (scripts: `printf '%s\n'`).
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { Io } from './args.js';

export interface SecretInput {
  stdin: Readable & { isTTY?: boolean; setRawMode?(on: boolean): unknown };
}

export async function readSecret(prompt: string, io: Io, input: SecretInput = { stdin: process.stdin }): Promise<string> {
  const { stdin } = input;
  if (stdin.isTTY && stdin.setRawMode) {
    io.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    try {
      for (;;) {
        const [chunk] = (await once(stdin, 'data')) as [Buffer];
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return text;
          if (ch === '\u0003') throw new Error('cancelled');
          if (ch === '\u007f') text = text.slice(0, -1);
          else text += ch;
        }
      }
    } finally {
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
    }
  }
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0]!.trim();
}
