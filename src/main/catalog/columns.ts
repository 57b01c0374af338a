/**
 * The columns of an institution catalog file, found by their Chinese or national header names (as a
 * pharmacy's or hospital's own system exports them). Header text is compared without spaces, with
 * full-width brackets as ASCII and letters in lower case, so "单价(元)" and "单价（元）" are the same.
 */
export type CatalogField = 'medins_list_codg' | 'name' | 'spec' | 'unit' | 'price' | 'barcode' | 'whole_units' | 'fractional' | 'med_list_codg' | 'kind';

/** Chinese label of each field, for messages */
export const FIELD_LABEL: Record<CatalogField, string> = {
  medins_list_codg: '机构编码',
  name: '名称',
  spec: '规格',
  unit: '单位',
  price: '单价',
  barcode: '条码',
  whole_units: '整售',
  fractional: '拆零',
  med_list_codg: '医保编码',
  kind: '类别',
};

const ALIASES: Record<CatalogField, readonly string[]> = {
  medins_list_codg: ['medins_list_codg', 'fixmedins_hilist_id', '机构编码', '医药机构目录编码', '定点医药机构目录编号', '定点医药机构目录编码', '院内编码', '本院编码', '商品编码', '药品编码', '项目编码', '自编码', '编码'],
  name: ['name', 'fixmedins_hilist_name', 'medins_list_name', '名称', '商品名称', '药品名称', '项目名称', '品名', '通用名', '通用名称', '医药机构目录名称', '定点医药机构目录名称'],
  spec: ['spec', '规格', '药品规格', '规格型号'],
  unit: ['unit', 'prcunt', '单位', '计价单位', '销售单位', '包装单位'],
  price: ['price', 'pric', '单价', '单价(元)', '价格', '价格(元)', '零售价', '零售价(元)', '零售单价', '售价', '销售价'],
  barcode: ['barcode', '条码', '条形码', '商品条码', '国际条码', '69码'],
  whole_units: ['whole_units', '整售', '是否整售', '整单位销售', '按整单位销售'],
  fractional: ['fractional', '拆零', '可拆零', '是否拆零'],
  med_list_codg: ['med_list_codg', 'hilist_code', '医保编码', '医保目录编码', '医疗目录编码', '国家编码', '国家医保编码', '国家医保目录编码', '医保对照编码', '对照编码'],
  kind: ['kind', 'list_type', '类别', '目录类别', '项目类别', '类型'],
};

export const REQUIRED_FIELDS: readonly CatalogField[] = ['medins_list_codg', 'name', 'unit', 'price'];

export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, CatalogField>();
for (const [field, names] of Object.entries(ALIASES) as Array<[CatalogField, readonly string[]]>) {
  for (const n of names) BY_HEADER.set(normalizeHeader(n), field);
}

export interface ColumnProblem {
  column: string;
  reason: string;
}

/** Which column holds which field; the problems (a required column missing, one field twice) say so in Chinese. */
export function mapColumns(headers: readonly string[]): { columns: Map<CatalogField, { index: number; header: string }>; problems: ColumnProblem[] } {
  const columns = new Map<CatalogField, { index: number; header: string }>();
  const problems: ColumnProblem[] = [];
  headers.forEach((h, index) => {
    const field = BY_HEADER.get(normalizeHeader(h));
    if (!field) return;
    const other = columns.get(field);
    if (other) problems.push({ column: h, reason: `与列「${other.header}」都表示${FIELD_LABEL[field]}，只能有一列` });
    else columns.set(field, { index, header: h });
  });
  if (columns.has('whole_units') && columns.has('fractional')) {
    problems.push({ column: columns.get('fractional')!.header, reason: `与列「${columns.get('whole_units')!.header}」说的是同一件事（整售/拆零），只能有一列` });
  }
  for (const f of REQUIRED_FIELDS) {
    if (!columns.has(f)) problems.push({ column: FIELD_LABEL[f], reason: `缺少必需的列「${FIELD_LABEL[f]}」（可用列名：${ALIASES[f].filter((a) => !/^[a-z_]+$/.test(a)).slice(0, 5).join('、')}，或 ${ALIASES[f][0]}）` });
  }
  return { columns, problems };
}
