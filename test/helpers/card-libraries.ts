/**
 * Small C card libraries built with the machine's compiler, shaped like vendors' SSCardDriver
 * builds: iReadCardBas answering a canned basic-info string with a GBK name, an error code with a
 * GBK reason, one that hangs, one that writes garbage, one that crashes, and the HSM two-step whose
 * step 2 wants the key the key service derives from step 1's output.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { encodeBasicInfo } from '../../src/devices/card/basic-info.js';
import { makeIdNumber } from '../../src/devices/card/id-number.js';
import { demoCardFields } from '../../src/devices/virtual/demo-card.js';

/** C source text for the bytes (NUL-terminated when copied with the length) */
const cBytes = (b: Buffer) => `{${[...b].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(',')}}`;
const gbk = (s: string) => cBytes(iconv.encode(s, 'gbk'));

export const CARD_PERSON = { certno: makeIdNumber('530602', '19800101', 123), psn_name: '欧阳秀英' };
export const CARD = encodeBasicInfo(demoCardFields(CARD_PERSON));
/** what step 2 accepts for step 1's challenge */
export const hsmKeyFor = (challenge: string) => `KEY-${[...challenge].reverse().join('')}`;
export const HSM_CHALLENGE = 'A1B2C3D4E5F60718';

const PRELUDE = `#include <string.h>
#include <unistd.h>
#if defined(_WIN32)
#define API __declspec(dllexport)
#else
#define API __attribute__((visibility("default")))
#endif
static const unsigned char CARD[] = ${cBytes(CARD)};
static void card(unsigned char *out) { memcpy(out, CARD, sizeof CARD); out[sizeof CARD] = 0; }
`;

export const SOURCES = {
  /** the canned card; another iType than the one configured is refused with a reason */
  ok: `${PRELUDE}
static const unsigned char WRONG[] = ${gbk('读卡方式不支持')};
API long iReadCardBas(int iType, unsigned char *out) {
  if (iType != WANT_ITYPE) { memcpy(out, WRONG, sizeof WRONG); out[sizeof WRONG] = 0; return -3; }
  card(out); return 0;
}`,
  /** "no card": a negative code and the reason in GBK */
  error: `${PRELUDE}
static const unsigned char NOCARD[] = ${gbk('未检测到社保卡，请插卡')};
API long iReadCardBas(int iType, unsigned char *out) { memcpy(out, NOCARD, sizeof NOCARD); out[sizeof NOCARD] = 0; return -11; }`,
  hang: `${PRELUDE}
API long iReadCardBas(int iType, unsigned char *out) { for (;;) sleep(3600); return 0; }`,
  /** success, but bytes that are no basic info (and no NUL until late) */
  garbage: `${PRELUDE}
API long iReadCardBas(int iType, unsigned char *out) { for (int i = 0; i < 300; i++) out[i] = (unsigned char)(i * 37 + 11) | 1; out[300] = 0; return 0; }`,
  crash: `${PRELUDE}
API long iReadCardBas(int iType, unsigned char *out) { volatile int *p = 0; *p = 42; return 0; }`,
  /** declared int and __stdcall, as some Windows builds are (the convention is moot on x86-64) */
  stdcallInt: `${PRELUDE}
#if defined(__i386__)
#define CONV __attribute__((stdcall))
#else
#define CONV
#endif
API int CONV iReadCardBas(int iType, unsigned char *out) { card(out); return 0; }`,
  hsm: `${PRELUDE}
static const unsigned char BADKEY[] = ${gbk('安全模块密钥错误')};
API long iReadCardBas_HSM_Step1(unsigned char *out) { strcpy((char *)out, "${HSM_CHALLENGE}"); return 0; }
API long iReadCardBas_HSM_Step2(const char *key, unsigned char *out) {
  if (strcmp(key, "${hsmKeyFor(HSM_CHALLENGE)}") != 0) { memcpy(out, BADKEY, sizeof BADKEY); out[sizeof BADKEY] = 0; return -7; }
  card(out); return 0;
}`,
  /** the library takes `SLOW_MS` per read, like a real reader talking to a card (benchmarks) */
  slow: `${PRELUDE}
API long iReadCardBas(int iType, unsigned char *out) { usleep(SLOW_MS * 1000); card(out); return 0; }`,
} as const;

export type LibraryName = keyof typeof SOURCES;

/** gcc -shared -fPIC; `defines` become -D flags */
export function buildCardLibrary(dir: string, name: LibraryName, defines: Record<string, string | number> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const suffix = Object.entries(defines).map(([k, v]) => `-${k}${v}`).join('');
  const src = path.join(dir, `${name}${suffix}.c`);
  const lib = path.join(dir, `libcard-${name}${suffix}.so`);
  fs.writeFileSync(src, SOURCES[name]);
  const flags = Object.entries({ WANT_ITYPE: 3, SLOW_MS: 0, ...defines }).map(([k, v]) => `-D${k}=${v}`);
  execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-Wno-attributes', ...flags, '-o', lib, src], { stdio: ['ignore', 'pipe', 'pipe'] });
  return lib;
}
