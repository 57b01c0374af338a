import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/main/catalog/columns.js';
import { createRowValidator, describeRowError } from '../../../src/main/catalog/validate-rows.js';

const HEAD = ['机构编码', '名称', '规格', '单位', '单价（元）', '条码', '整售', '医保编码', '类别'];
const good = ['YP0001', '阿莫西林胶囊', '0.25g*24粒', '盒', '12.50', '6901234000375', '是', 'xj01caa040a001010100001', '西药'];

function validator(headers = HEAD) {
  const { columns, problems } = mapColumns(headers);
  expect(problems).toEqual([]);
  return createRowValidator(columns);
}

describe('columns found by their Chinese or national header names', () => {
  it('maps Chinese headers (full-width brackets, spaces) and the national field names alike', () => {
    const zh = mapColumns(HEAD).columns;
    expect([...zh.keys()].sort()).toEqual(['barcode', 'kind', 'med_list_codg', 'medins_list_codg', 'name', 'price', 'spec', 'unit', 'whole_units']);
    const nat = mapColumns(['fixmedins_hilist_id', 'fixmedins_hilist_name', 'spec', 'prcunt', 'pric', 'barcode', 'fractional', 'hilist_code']).columns;
    expect(nat.get('medins_list_codg')?.index).toBe(0);
    expect(nat.get('price')?.header).toBe('pric');
    expect(nat.get('med_list_codg')?.index).toBe(7);
    expect(mapColumns([' 商品编码 ', '药品名称', '计价单位', '零售价', '国家医保编码']).problems).toEqual([]);
  });

  it('says which required column is missing and which field has two columns', () => {
    const { problems } = mapColumns(['编码', '名称', '价格', '单价', '整售', '拆零']);
    expect(problems.map((p) => p.reason)).toEqual([
      '与列「价格」都表示单价，只能有一列',
      '与列「整售」说的是同一件事（整售/拆零），只能有一列',
      expect.stringMatching(/^缺少必需的列「单位」/),
    ]);
  });
});

describe('every row validated: the error names row, column and reason in Chinese', () => {
  it('takes a good row (national code upper-cased, 是 = sold whole)', () => {
    const v = validator();
    expect(v(2, good)).toEqual({
      item: { medins_list_codg: 'YP0001', name: '阿莫西林胶囊', spec: '0.25g*24粒', unit: '盒', kind: 'drug', price: 1250, barcode: '6901234000375', whole_units: true, med_list_codg: 'XJ01CAA040A001010100001' },
      errors: [],
    });
    expect(v(3, ['ZY0001', '黄芪', '饮片', 'g', '¥0.12', '', '否', '', '中药饮片']).item).toMatchObject({ price: 12, whole_units: false, med_list_codg: null, barcode: null });
  });

  const cases: Array<[string, (r: string[]) => void, string, string]> = [
    ['an empty code', (r) => (r[0] = ' '), '机构编码', '不能为空'],
    ['a code with a space', (r) => (r[0] = 'YP 1'), '机构编码', '只能由字母、数字和符号组成，不能有空格或汉字: YP 1'],
    ['an empty name', (r) => (r[1] = ''), '名称', '不能为空'],
    ['an empty unit', (r) => (r[3] = ''), '单位', '不能为空'],
    ['a price with three decimals', (r) => (r[4] = '12.345'), '单价（元）', '不是金额（元，最多两位小数，不能为负）: 12.345'],
    ['a negative price', (r) => (r[4] = '-1'), '单价（元）', '不是金额（元，最多两位小数，不能为负）: -1'],
    ['a price that is text', (r) => (r[4] = '十二元'), '单价（元）', '不是金额（元，最多两位小数，不能为负）: 十二元'],
    ['a bad barcode', (r) => (r[5] = '69 01'), '条码', '条码只能由 4 至 50 位字母或数字组成: 69 01'],
    ['a whole-units value that is neither yes nor no', (r) => (r[6] = '也许'), '整售', '应填 是/否（或 1/0、Y/N）: 也许'],
    ['a national code with Chinese in it', (r) => (r[7] = '阿莫西林'), '医保编码', '医保编码只能由字母、数字、点和横线组成，最长 50 位: 阿莫西林'],
    ['an unknown kind', (r) => (r[8] = '保健器械'), '类别', '不认识的类别: 保健器械（药品 / 医疗服务 / 医用耗材，或 101 / 201 / 301）'],
  ];
  for (const [what, mutate, column, reason] of cases) {
    it(what, () => {
      const row = [...good];
      mutate(row);
      const r = validator()(7, row);
      expect(r.item).toBeNull();
      expect(r.errors).toEqual([{ row: 7, column, reason }]);
      expect(describeRowError(r.errors[0])).toBe(`第 7 行「${column}」：${reason}`);
    });
  }

  it('names the first row of a duplicate code or barcode, and reports every bad cell of a row', () => {
    const v = validator();
    v(2, good);
    expect(v(9, [...good.slice(0, 5), '6901234999999', ...good.slice(6)]).errors).toEqual([{ row: 9, column: '机构编码', reason: '编码 YP0001 与第 2 行重复' }]);
    expect(v(10, ['YP0002', ...good.slice(1)]).errors).toEqual([{ row: 10, column: '条码', reason: '条码 6901234000375 与第 2 行重复' }]);
    const many = v(11, ['YP0003', '', '', '', 'x', '', '?', '', '']);
    expect(many.errors.map((e) => e.column)).toEqual(['名称', '单位', '单价（元）', '整售']);
  });

  it('a 拆零 column reads the other way round', () => {
    const { columns } = mapColumns(['编码', '名称', '单位', '单价', '拆零']);
    const v = createRowValidator(columns);
    expect(v(2, ['A1', '当归', 'g', '0.21', '是']).item?.whole_units).toBe(false);
    expect(v(3, ['A2', '口罩', '包', '1.50', '否']).item?.whole_units).toBe(true);
  });
});
