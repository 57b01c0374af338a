/**
 * Demo bills the HIS simulator hands out (SAMPLE data): the documented sample bill, and new ones made
 * on request in the same format (yb-pos-his-bill/1) with lines from the sample national catalog.
 */
import sampleBill from '../../samples/his-bill-outpatient.json' with { type: 'json' };

const DRUGS: ReadonlyArray<{ code: string; own: string; name: string; pric: string }> = [
  { code: 'XJ01DCC027E001010100004', own: 'YP0204', name: '头孢克洛胶囊', pric: '29.80' },
  { code: 'ZA01BAB0053010100005', own: 'YP0317', name: '板蓝根颗粒', pric: '16.50' },
  { code: 'XA11GAV017A001010100011', own: 'YP0520', name: '维生素C片', pric: '3.50' },
  { code: 'XJ01CAA040A001010100001', own: 'YP0101', name: '阿莫西林胶囊', pric: '12.50' },
  { code: 'XR05FAF015A001010100006', own: 'YP0112', name: '复方甘草片', pric: '4.80' },
];

export const SAMPLE_BILL = sampleBill;

/** A new outpatient bill: consultation, one test, one or two drugs (chosen by n, so a run is reproducible). */
export function demoBill(billNo: string, n: number, patient_certno?: string) {
  const a = DRUGS[n % DRUGS.length];
  const b = DRUGS[(n + 2) % DRUGS.length];
  return {
    format: 'yb-pos-his-bill/1',
    his_bill_no: billNo,
    med_type: '11',
    dept_name: n % 2 ? '内科门诊' : '儿科门诊',
    doctor_name: n % 2 ? '杨医生' : '李医生',
    diagnosis: [{ diag_code: 'J06.900', diag_name: '急性上呼吸道感染' }],
    ...(patient_certno ? { patient_certno } : {}),
    lines: [
      { med_list_codg: '001101000010000', medins_list_codg: 'ZL0001', name: '一般诊疗费', pric: '10.00', cnt: 1 },
      ...(n % 3 === 0 ? [{ med_list_codg: '002502010010000', medins_list_codg: 'JY0101', name: '血常规(血细胞分析)', pric: '20.00', cnt: 1 }] : []),
      { med_list_codg: a.code, medins_list_codg: a.own, name: a.name, pric: a.pric, cnt: 1 + (n % 2) },
      ...(n % 4 === 1 ? [{ med_list_codg: b.code, medins_list_codg: b.own, name: b.name, pric: b.pric, cnt: 1 }] : []),
    ],
  };
}
