import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { LineSplitter, SerialQrScanner } from '../../../src/devices/qr/serial-qr-scanner.js';

const lines = (evs: ReturnType<LineSplitter['push']>) => evs.map((e) => (e.type === 'line' ? e.bytes.toString() : `!${e.reason}`));

describe('LineSplitter', () => {
  it('CR, LF and CRLF terminators, split anywhere', () => {
    expect(lines(new LineSplitter('CR').push(Buffer.from('abc\rdef\r')))).toEqual(['abc', 'def']);
    expect(lines(new LineSplitter('LF').push(Buffer.from('abc\ndef')))).toEqual(['abc']);
    const s = new LineSplitter('CRLF');
    expect(lines(s.push(Buffer.from('abc\r')))).toEqual([]);
    expect(lines(s.push(Buffer.from('\nxyz\r\n')))).toEqual(['abc', 'xyz']);
  });

  it('a CRLF scanner on a CR-configured port leaves no blank lines', () => {
    expect(lines(new LineSplitter('CR').push(Buffer.from('abc\r\ndef\r\n')))).toEqual(['abc', '\ndef']);
  });

  it('an overlong line is one error, then the splitter resyncs at the next terminator', () => {
    const s = new LineSplitter('CR', 8);
    expect(lines(s.push(Buffer.from('0123456789')))).toEqual(['!line longer than 8 bytes']);
    expect(s.bufferedBytes).toBeLessThanOrEqual(8);
    expect(lines(s.push(Buffer.from('more junk')))).toEqual([]);
    expect(lines(s.push(Buffer.from('tail\rOK\r')))).toEqual(['OK']);
  });
});

describe('SerialQrScanner', () => {
  it('emits scans from a port stream; a stray LF at the start of a line is trimmed', () => {
    const port = new PassThrough();
    const d = new SerialQrScanner({ deviceId: 's1', port, terminator: 'CR' });
    const scans: string[] = [];
    d.on('scan', (s) => scans.push(`${s.deviceId}:${s.text}`));
    port.write(Buffer.from('6901234567892\r\nECQR-TOKEN\r\n'));
    expect(scans).toEqual(['s1:6901234567892', 's1:ECQR-TOKEN']);
  });
});
