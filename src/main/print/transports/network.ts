/**
 * A network printer on raw TCP (port 9100). One connection, opened when needed and again after the
 * printer closed it or went away; status answers arrive on the same socket.
 */
import net from 'node:net';
import type { StatusBytes } from '../escpos/status.js';
import { StatusReader } from './status-reader.js';
import { PrinterIoError, type PrinterTransport } from './types.js';

export function networkTransport(o: { host: string; port: number; timeoutMs: number }): PrinterTransport {
  let socket: net.Socket | null = null;
  const reader = new StatusReader();

  function connect(): Promise<net.Socket> {
    if (socket && !socket.destroyed) return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: o.host, port: o.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new PrinterIoError('connect', false, `no connection to ${o.host}:${o.port} within ${o.timeoutMs} ms`));
      }, o.timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.setNoDelay(true);
        s.setKeepAlive(true, 10_000);
        s.on('data', (d) => reader.feed(d));
        s.on('error', () => s.destroy());
        s.on('close', () => {
          if (socket === s) socket = null;
        });
        socket = s;
        resolve(s);
      });
      s.once('error', (e) => {
        clearTimeout(timer);
        reject(new PrinterIoError('connect', false, `cannot connect to ${o.host}:${o.port}: ${e.message}`));
      });
    });
  }

  function send(s: net.Socket, bytes: Buffer, phase: 'write' | 'status'): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        s.destroy();
        reject(new PrinterIoError(phase, phase === 'write', `the printer took no data for ${o.timeoutMs} ms`));
      }, o.timeoutMs);
      s.write(bytes, (err) => {
        clearTimeout(timer);
        if (err) reject(new PrinterIoError(phase, phase === 'write', `sending to ${o.host}:${o.port} failed: ${err.message}`));
        else resolve();
      });
    });
  }

  return {
    kind: 'network',
    where: `${o.host}:${o.port}`,
    canReport: true,
    async write(bytes) {
      await send(await connect(), bytes, 'write');
    },
    async status(timeoutMs): Promise<StatusBytes> {
      const s = await connect();
      try {
        return await reader.query((b) => send(s, b, 'status'), timeoutMs);
      } catch (e) {
        // a printer that stopped answering: start with a fresh connection next time
        s.destroy();
        throw e;
      }
    },
    async close() {
      socket?.destroy();
      socket = null;
    },
  };
}
