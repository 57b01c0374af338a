/**
 * One-use SM2 signing points (k, x1 = (k·G).x), made ahead of time so a signature on the hot path is
 * only modular arithmetic. k·G is the expensive part (0.3 ms with OpenSSL); it is made in a worker
 * thread, so not even the wait for the center's reply pays for it on the event loop. The points do
 * not depend on any key: one pool serves every signer of the process. Where the worker cannot run
 * (no SM2 curve in the runtime's crypto, as in Electron's BoringSSL) the pool refills on the event
 * loop instead, one point per turn. Each point is handed out once.
 */
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface Point {
  k: bigint;
  x1: bigint;
}

const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const NATIVE_CURVE = crypto.getCurves().includes('SM2');
const TARGET = 32;
const BATCH = 16;

// plain JavaScript for an eval'd worker: nothing to resolve, so it runs the same from the sources,
// from a bundle and under Electron
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const N = 0x${N.toString(16)}n;
parentPort.on('message', (count) => {
  const out = [];
  while (out.length < count) {
    const kb = crypto.randomBytes(32);
    const k = BigInt('0x' + kb.toString('hex'));
    if (k === 0n || k >= N) continue;
    const ecdh = crypto.createECDH('SM2');
    ecdh.setPrivateKey(kb);
    out.push([kb.toString('hex'), ecdh.getPublicKey().subarray(1, 33).toString('hex')]);
  }
  parentPort.postMessage(out);
});
`;

export interface PointPool {
  /** a point never handed out before, or null when the pool is empty (the caller makes one) */
  take(): Point | null;
  /** where the points came from so far (tests, benchmarks) */
  stats(): { fromWorker: number; fromLoop: number; taken: number; worker: boolean };
}

export function createPointPool(makeInline: () => Point): PointPool {
  const pool: Point[] = [];
  const stats = { fromWorker: 0, fromLoop: 0, taken: 0, worker: false };
  let worker: Worker | null = null;
  let requested = false;
  let loopRefill: NodeJS.Immediate | null = null;

  function startWorker(): void {
    if (!NATIVE_CURVE || worker) return;
    try {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.on('message', (batch: Array<[string, string]>) => {
        requested = false;
        for (const [k, x1] of batch) pool.push({ k: BigInt(`0x${k}`), x1: BigInt(`0x${x1}`) });
        stats.fromWorker += batch.length;
        refill();
      });
      // a worker that cannot run leaves the refill to the event loop
      const lost = () => {
        worker = null;
        requested = false;
        stats.worker = false;
        refill();
      };
      w.on('error', lost);
      w.on('exit', lost);
      // never what keeps the process alive (after the listeners: adding a 'message' one refs it again)
      w.unref();
      worker = w;
      stats.worker = true;
    } catch {
      worker = null;
    }
  }

  function refill(): void {
    if (pool.length >= TARGET) return;
    if (worker) {
      if (!requested) {
        requested = true;
        worker.postMessage(BATCH);
      }
      return;
    }
    if (loopRefill) return;
    // one point (0.3 ms native, 9 ms in sm-crypto) per turn of the event loop; referenced, so the
    // loop does not sleep in poll until the next I/O while the pool is low
    loopRefill = setImmediate(() => {
      loopRefill = null;
      pool.push(makeInline());
      stats.fromLoop++;
      refill();
    });
  }

  startWorker();
  refill();
  return {
    take() {
      const p = pool.shift() ?? null;
      if (p) stats.taken++;
      refill();
      return p;
    },
    stats: () => ({ ...stats }),
  };
}
