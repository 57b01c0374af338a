/**
 * The configuration never falls back silently: null, an array or a misspelt key is an error naming
 * it (with a "did you mean"), a file must say where the center is, a center URL is https (plain http
 * only to this machine or with allowInsecureHttp), dates are real dates, and the start-up line says
 * in plain words which center the terminal talks to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../../src/main/config.js';
import { closestKey, describeCenter } from '../../../src/main/config-rules.js';
import { isoDate } from '../../../src/shared/domain.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir('pos-config-');
afterEach(() => {
  for (const f of fs.readdirSync(t.dir)) fs.rmSync(path.join(t.dir, f), { force: true, recursive: true });
});
const file = (text: string) => {
  const p = path.join(t.dir, `c${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(p, text);
  return p;
};

describe('a configuration never starts the simulator by mistake', () => {
  it('null, an array, a number are errors that say so', () => {
    expect(() => loadConfig(file('null'))).toThrow(/must be a JSON object.*not null/);
    expect(() => loadConfig(file('[]'))).toThrow(/not an array/);
    expect(() => loadConfig(file('[{"center":{"url":"embedded"}}]'))).toThrow(/not an array/);
    expect(() => loadConfig(file('3'))).toThrow(/not number/);
    expect(() => parseConfig(null)).toThrow(/not null/);
  });

  it('a misspelt key is an error naming it, with what it probably meant, at any depth', () => {
    expect(() => loadConfig(file('{"centre":{"url":"https://c.example"}}'))).toThrow(/centre: unknown key "centre" — did you mean "center"\?/);
    expect(() => parseConfig({ center: { url: 'embedded', timeoutMS: 5000 } })).toThrow(/center\.timeoutMS: unknown key "timeoutMS" — did you mean "timeoutMs"\?/);
    expect(() => parseConfig({ terminal: { fixmedins_cod: 'P53060200001' } })).toThrow(/terminal\.fixmedins_cod.*did you mean "fixmedins_code"/);
    expect(() => parseConfig({ devices: { serialCardReaders: [{ id: 'r1', pth: '/dev/ttyUSB0' }] } })).toThrow(/devices\.serialCardReaders\.0\.pth: unknown key/);
    expect(() => parseConfig({ zzzz: 1 })).toThrow(/zzzz: unknown key "zzzz"$/);
  });

  it('a file must write the center down; "embedded" written out is the simulator', () => {
    expect(() => loadConfig(file('{}'))).toThrow(/center\.url is required in a configuration file/);
    expect(() => loadConfig(file('{"terminal":{"id":"T09"}}'))).toThrow(/center\.url is required/);
    expect(() => loadConfig(file('{"center":{"timeoutMs":5000}}'))).toThrow(/center\.url is required/);
    expect(loadConfig(file('{"center":{"url":"embedded"}}')).config.center.url).toBe('embedded');
    // no configuration at all: the embedded default
    const cwd = process.cwd();
    process.chdir(t.dir);
    const env = process.env.POS_CONFIG;
    delete process.env.POS_CONFIG;
    try {
      expect(loadConfig().config.center.url).toBe('embedded');
      expect(loadConfig().source).toMatch(/defaults/);
    } finally {
      process.chdir(cwd);
      if (env !== undefined) process.env.POS_CONFIG = env;
    }
  });

  it('center.url: https, or plain http only to this machine or with allowInsecureHttp', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://c.example/', 'http://center.example/fsi', 'http://10.0.0.5:8080', 'https://u:p@c.example/']) {
      expect(() => parseConfig({ center: { url: bad } }), bad).toThrow(/center\.url:/);
    }
    for (const good of ['https://center.example/fsi', 'http://127.0.0.1:8090', 'http://localhost:8090', 'http://[::1]:8090']) {
      expect(parseConfig({ center: { url: good } }).center.url, good).toBe(good);
    }
    expect(parseConfig({ center: { url: 'http://10.0.0.5:8080', allowInsecureHttp: true } }).center.allowInsecureHttp).toBe(true);
  });

  it('demo cashiers cannot be asked for against a real center', () => {
    expect(() => parseConfig({ center: { url: 'https://c.example' }, seedDemoCashiers: true })).toThrow(/seedDemoCashiers: demo cashiers exist only/);
    expect(parseConfig({ seedDemoCashiers: true }).seedDemoCashiers).toBe(true);
  });

  it('the start-up line says which center, in plain words', () => {
    expect(describeCenter({ url: 'embedded' }, 'http://127.0.0.1:4444')).toMatch(/built-in SIMULATOR .*nothing goes to a real insurance center/);
    expect(describeCenter({ url: 'https://c.example/fsi' }, null)).toBe('the insurance center at https://c.example/fsi');
    expect(describeCenter({ url: 'http://10.0.0.5', allowInsecureHttp: true }, null)).toMatch(/PLAIN HTTP.*allowInsecureHttp/);
  });

  it('closestKey suggests only what is close', () => {
    expect(closestKey('centre', ['center', 'dataDir'])).toBe('center');
    expect(closestKey('datadir', ['center', 'dataDir'])).toBe('dataDir');
    expect(closestKey('printer', ['center', 'dataDir'])).toBeNull();
  });
});

describe('dates are real dates', () => {
  it('2026-13-45 and 2026-02-30 are refused, 2028-02-29 is a date', () => {
    expect(isoDate.safeParse('2026-13-45').success).toBe(false);
    expect(isoDate.safeParse('2026-02-30').success).toBe(false);
    expect(isoDate.safeParse('2028-02-29').success).toBe(true);
  });
});
