import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls, CenterState, DeviceState, ErrorCode } from '../../../src/shared/api.js';
import { BillKind, ChrgitmLv, Insutype, MulaidUnusableReason, Relation, SettlementStatus } from '../../../src/shared/domain.js';
import { en, enAreas } from '../../../src/renderer/i18n/en.js';
import { describeError, fieldLabel, loadLocale, makeTranslate, saveLocale, translate, LOCALE_STORAGE_KEY } from '../../../src/renderer/i18n/translate.js';
import { zhCN, zhCNAreas } from '../../../src/renderer/i18n/zh-CN.js';
import { busyLabelFor } from '../../../src/renderer/lib/api.js';
import { KEY_BINDINGS } from '../../../src/renderer/lib/keymap.js';

const rendererDir = join(import.meta.dirname, '../../../src/renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) && !/\.d\.ts$/.test(name) ? [p] : [];
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('each area is one module per language with the same keys, and no key is in two areas', () => {
    expect(Object.keys(enAreas)).toEqual(Object.keys(zhCNAreas));
    for (const [area, zh] of Object.entries(zhCNAreas)) expect(Object.keys(enAreas[area as keyof typeof enAreas]).sort(), area).toEqual(Object.keys(zh).sort());
    const count = (areas: Record<string, object>) => Object.values(areas).reduce((n, a) => n + Object.keys(a).length, 0);
    expect(count(zhCNAreas)).toBe(Object.keys(zhCN).length);
    expect(count(enAreas)).toBe(Object.keys(en).length);
  });

  it('English has no Chinese text but the switch back to Chinese', () => {
    const han = Object.entries(en).filter(([key, text]) => key !== 'lang.switch' && /\p{Script=Han}/u.test(text));
    expect(han).toEqual([]);
  });

  it('no message is empty and placeholders agree between languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('every literal t(...) key in the renderer exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(rendererDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) if (!(m[1] in zhCN)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\bt\(\s*\w+ \? '([^']+)' : '([^']+)'/g)) for (const k of [m[1], m[2]]) if (!(k in zhCN)) missing.push(`${file}: ${k}`);
    }
    expect(missing).toEqual([]);
  });

  it('keys built from contract enums all exist', () => {
    const families: [string, readonly string[]][] = [
      ['insutype', Insutype.options],
      ['relation', Relation.options],
      ['reason', MulaidUnusableReason.options],
      ['status', SettlementStatus.options],
      ['result', SettlementStatus.options],
      ['device', DeviceState.options],
      ['center', CenterState.options],
      ['error', ErrorCode.options],
      ['kind', BillKind.options],
      ['mode', BillKind.options],
      ['lv', ChrgitmLv.options],
      ['identify.source', ['card', 'qr', 'typed']],
      ['confirm', ['needPerson', 'needLines', 'fixLines']],
      ['key', KEY_BINDINGS.map((b) => b.key)],
    ];
    const missing = families.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`).filter((k) => !(k in zhCN)));
    expect(missing).toEqual([]);
    for (const name of Object.keys(calls) as (keyof typeof calls)[]) expect(busyLabelFor(name) in zhCN, name).toBe(true);
  });

  it('the texts the brief fixes are exact', () => {
    expect(zhCN['mulaid.question']).toBe('使用家庭共济账户支付?');
    expect(en['mulaid.question']).toBe('Pay from the family co-pay account?');
    expect(zhCN['identify.waiting']).toBe('请刷社保卡或扫医保码 / 输入身份证号');
    expect(zhCN['result.queued']).toBe('已保存，等待医保中心确认（网络中断时将自动重发）');
    expect(zhCN['result.settled']).toBe('结算成功');
    expect(zhCN['error.CENTER_UNREACHABLE']).toBe('无法连接医保中心');
    expect(zhCN['reason.not_employee']).toBe('授权人非职工医保参保人');
    expect(zhCN['insutype.310']).toBe('职工基本医疗保险');
    expect(zhCN['insutype.390']).toBe('城乡居民基本医疗保险');
    expect([zhCN['status.queued'], zhCN['status.settled'], zhCN['status.refused'], zhCN['status.reversing'], zhCN['status.reversed']]).toEqual([
      '待上传',
      '已结算',
      '被拒绝',
      '冲销中',
      '已冲销',
    ]);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'outbox.depth', { n: 3 })).toBe('待上传 3');
    expect(translate('en', 'outbox.depth', { n: 3 })).toBe('To upload 3');
    expect(translate('zh-CN', 'outbox.depth')).toBe('待上传 {n}');
    expect(translate('zh-CN', 'no.such.key')).toBe('no.such.key');
  });

  it('persists the locale and defaults to Chinese', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadLocale(storage)).toBe('zh-CN');
    saveLocale(storage, 'en');
    expect(store.get(LOCALE_STORAGE_KEY)).toBe('en');
    expect(loadLocale(storage)).toBe('en');
    store.set(LOCALE_STORAGE_KEY, 'fr');
    expect(loadLocale(storage)).toBe('zh-CN');
    expect(loadLocale(undefined)).toBe('zh-CN');
    expect(loadLocale({ getItem: () => { throw new Error('denied'); } })).toBe('zh-CN');
  });
});

describe('describeError', () => {
  const t = makeTranslate('zh-CN');
  it('names the field for VALIDATION in words, never the main side’s English or the path', () => {
    expect(describeError(t, { code: 'VALIDATION', message: 'ID number is 18 characters', field: 'certno', key: 'validation.invalid_format' })).toBe('输入有误（身份证号）：格式不正确');
    expect(describeError(t, { code: 'VALIDATION', message: 'bad', field: 'lines.2.qty' })).toBe('输入有误（第3行 数量）：不正确');
    expect(describeError(t, { code: 'VALIDATION', message: 'bad', field: null })).toBe('输入有误，请检查后重试');
    expect(fieldLabel(t, 'his.unknown_thing')).toBe('输入内容');
    expect(describeError(t, { code: 'CONFLICT', message: 'offline.allowConfirm', key: 'offline.perSettlement', params: { amount: '250.00', max: '200.00' } })).toBe(
      '离线结算的医保支付每笔最多 200.00 元，本笔 250.00 元。请等医保中心恢复后再结算',
    );
    expect(describeError(t, { code: 'VALIDATION', message: 'x', key: 'bill.qtyWholeUnits', params: { n: 2, name: '阿莫西林胶囊', unit: '盒' } })).toBe('第2行：阿莫西林胶囊 只能按整盒销售，请输入整数');
    // a field path inside a message's values is made readable too
    expect(describeError(t, { code: 'VALIDATION', message: 'x', key: 'his.badAmount', params: { field: 'lines.2.pric' } })).toBe('处方文件有误（第3行 单价）：金额须为最多两位小数的数字');
    // a code without a key: its general sentence, not the technical text
    expect(describeError(t, { code: 'CONFLICT', message: 'a settlement in status reversed cannot be reversed' })).toBe('当前状态不允许此操作');
    expect(describeError(t, { code: 'INTERNAL', message: 'TypeError: x is undefined' })).not.toContain('TypeError');
  });
  it('maps the center and session codes to fixed sentences', () => {
    expect(describeError(t, { code: 'CENTER_UNREACHABLE', message: 'ECONNREFUSED', field: null })).toBe('无法连接医保中心');
    expect(describeError(t, { code: 'CENTER_REFUSED', message: '人员参保状态异常', field: null })).toBe('医保中心拒绝：人员参保状态异常');
    expect(describeError(t, { code: 'NOT_FOUND', message: 'person', field: null })).toContain('未找到');
    expect(describeError(t, { code: 'LOCKED', message: 'x', field: null })).toBe(zhCN['error.LOCKED']);
    expect(describeError(makeTranslate('en'), { code: 'CENTER_UNREACHABLE', message: '', field: null })).toBe('Cannot reach the insurance center');
  });
});
