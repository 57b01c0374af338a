// The vendor card library's own process. Native code that crashes (a segfault) takes down the whole
// process it runs in — a worker thread would take the terminal with it — so the library is loaded
// here, in a child process of the terminal, and called one request at a time over the IPC channel.
// The parent times every call out and kills this process when the library hangs or crashes.
//
// Plain CommonJS with no build step, so the same file runs from the sources, from dist/ and under
// Electron (ELECTRON_RUN_AS_NODE). Messages (JSON):
//   → {t:'load', path, convention:'cdecl'|'stdcall', returnType:'long'|'int', bufferSize,
//       read?: name, step1?: name, step1TakesIType?: bool, step2?: name}
//   ← {t:'loaded'} | {t:'load-failed', reason}
//   → {t:'call', id, fn:'read'|'step1'|'step2', iType?, key? (base64)}
//   ← {t:'result', id, code, out (base64, up to the first NUL), libMs} | {t:'call-failed', id, reason}
'use strict';

const koffi = require('koffi');

let fns = null;
let bufferSize = 2048;
let step1TakesIType = false;

function load(m) {
  const lib = koffi.load(m.path);
  const conv = m.convention === 'stdcall' ? '__stdcall ' : '';
  const ret = m.returnType === 'int' ? 'int' : 'long';
  const f = {};
  if (m.read) f.read = lib.func(`${ret} ${conv}${m.read}(int iType, uint8_t *pOutInfo)`);
  if (m.step1) f.step1 = m.step1TakesIType ? lib.func(`${ret} ${conv}${m.step1}(int iType, uint8_t *pOutInfo)`) : lib.func(`${ret} ${conv}${m.step1}(uint8_t *pOutInfo)`);
  if (m.step2) f.step2 = lib.func(`${ret} ${conv}${m.step2}(uint8_t *pKey, uint8_t *pOutInfo)`);
  fns = f;
  bufferSize = m.bufferSize;
  step1TakesIType = !!m.step1TakesIType;
}

function call(m) {
  const fn = fns && fns[m.fn];
  if (!fn) throw new Error(`function ${m.fn} is not loaded`);
  const out = Buffer.alloc(bufferSize);
  const t0 = process.hrtime.bigint();
  let code;
  if (m.fn === 'read') code = fn(m.iType, out);
  else if (m.fn === 'step1') code = step1TakesIType ? fn(m.iType, out) : fn(out);
  else code = fn(Buffer.concat([Buffer.from(m.key || '', 'base64'), Buffer.alloc(1)]), out);
  const libMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const end = out.indexOf(0);
  return { code: Number(code), out: out.subarray(0, end < 0 ? out.length : end).toString('base64'), libMs };
}

process.on('message', (m) => {
  if (!m || typeof m !== 'object') return;
  if (m.t === 'load') {
    try {
      load(m);
      process.send({ t: 'loaded' });
    } catch (e) {
      process.send({ t: 'load-failed', reason: e && e.message ? e.message : String(e) });
    }
  } else if (m.t === 'call') {
    try {
      process.send({ t: 'result', id: m.id, ...call(m) });
    } catch (e) {
      process.send({ t: 'call-failed', id: m.id, reason: e && e.message ? e.message : String(e) });
    }
  }
});

// the terminal went away: so does the library
process.on('disconnect', () => process.exit(0));
