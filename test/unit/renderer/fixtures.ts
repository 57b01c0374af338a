/** Catalog items the renderer's bill tests share. */
import type { CatalogItem } from '../../../src/shared/domain.js';

export const amox: CatalogItem = {
  code: 'XJ01CAA040A001010100000',
  med_list_codg: 'XJ01CAA040A001010100000',
  barcode: '6901234567892',
  name: '阿莫西林胶囊',
  spec: '0.25g*24粒',
  unit: '盒',
  kind: 'drug',
  chrgitm_lv: '01',
  price: 1250,
  selfpay_prop: 0,
  pric_uplmt_amt: null,
  whole_units: true,
  fractional: false,
  unmapped: null,
};
