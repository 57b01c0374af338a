/**
 * The institution's printable summary (pdfkit, embedded CJK font as reconcile/pdf.ts): one page with
 * the groups, the per-window breakdown, the incomplete windows, and the differences naming window and
 * cashier (the first ones; the rest are in the CSV/XLSX), and a signature line.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { InstitutionEodResult } from '../../../shared/api-institution-eod.js';
import { formatYuan } from '../../../shared/money.js';
import { CjkFontMissingError, findCjkFont, type CjkFont } from '../../reconcile/cjk-font.js';
import { AMOUNT_NAMES_ZH, DIFFERENCE_NAMES_ZH, STATUS_NAMES_ZH } from '../../reconcile/codes.js';
import { chinaTime } from '../../reconcile/local.js';
import { incompleteText } from './detail.js';

const LEFT = 40;
const WIDTH = 515;
const MAX_DIFF_LINES = 40;

export async function writeInstPdf(file: string, meta: { result: InstitutionEodResult; exportedBy: { no: string; name: string }; exportedAt: string; font?: CjkFont }): Promise<{ pages: number }> {
  const r = meta.result;
  const font = meta.font ?? findCjkFont();
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: '医保结算全院日终对账单', Author: meta.exportedBy.name } });
  try {
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
  } catch (e) {
    throw new CjkFontMissingError(`${font.file}${font.face ? `#${font.face}` : ''} cannot be used (${(e as Error).message})`);
  }
  let pages = 1;
  doc.on('pageAdded', () => pages++);
  const out = fs.createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  doc.pipe(out);
  const line = (s: string, size = 9) => doc.fontSize(size).text(s, LEFT, undefined, { width: WIDTH });

  doc.fontSize(16).text('医保结算全院日终对账单', LEFT, 40, { width: WIDTH, align: 'center' });
  doc.moveDown(0.6);
  line(`定点医药机构：${r.institution.fixmedins_name}（${r.institution.fixmedins_code}）`, 10);
  line(`对账日期：${r.date_from === r.date_to ? r.date_from : `${r.date_from} 至 ${r.date_to}`}    全院对账结果：${STATUS_NAMES_ZH[r.status]}`, 10);
  line(`对账操作员：${r.operator.name}（${r.operator.no}） ${chinaTime(r.at)}    导出：${meta.exportedBy.name}（${meta.exportedBy.no}） ${meta.exportedAt}`, 10);
  doc.moveDown(0.5);
  line('分组合计（险种/清算类别）', 11);
  for (const g of r.groups) {
    line(`${g.insutype}/${g.clr_type}  ${g.local.count} 笔  医疗费 ${formatYuan(g.local.medfee_sumamt)}  基金 ${formatYuan(g.local.fund_pay_sumamt)}  个账 ${formatYuan(g.local.acct_pay)}  现金 ${formatYuan(g.local.psn_cash_pay)}  中心 ${g.center ? formatYuan(g.center.medfee_sumamt) : '—'}  ${STATUS_NAMES_ZH[g.status]}`);
  }
  doc.moveDown(0.5);
  line('窗口明细', 11);
  for (const w of r.windows) {
    line(`${w.terminal_id} ${w.label}  ${w.insutype}/${w.clr_type}  ${w.local.count} 笔  医疗费 ${formatYuan(w.local.medfee_sumamt)}  其中冲销 ${w.reversals.count} 笔 ${formatYuan(w.reversals.medfee_sumamt)}  待确认 ${w.pending.count} 笔`);
  }
  if (r.incomplete.length) {
    doc.moveDown(0.5);
    line(`未完成的窗口（${r.incomplete.length} 个，全院不能对平）`, 11);
    for (const s of incompleteText(r)) line(s);
  }
  doc.moveDown(0.5);
  const diffs = r.groups.flatMap((g) => g.differences.map((d) => ({ g, d })));
  const omitted = r.groups.reduce((n, g) => n + g.differencesOmitted, 0);
  line(`差异明细（${diffs.length + omitted} 条）`, 11);
  if (diffs.length === 0) line('无');
  diffs.slice(0, MAX_DIFF_LINES).forEach(({ g, d }, i) => {
    const f = d.fields.map((x) => `${AMOUNT_NAMES_ZH[x.field]} 差额 ${formatYuan(x.delta)}`).join('；');
    line(`${i + 1}. ${g.insutype}/${g.clr_type} ${DIFFERENCE_NAMES_ZH[d.kind]} 窗口 ${d.terminal_id ?? '未知'} 收费员 ${d.cashier_no ?? '未知'} 结算ID ${d.setl_id} ${f}`, 8.5);
  });
  if (diffs.length + omitted > MAX_DIFF_LINES) line(`另有 ${diffs.length + omitted - MAX_DIFF_LINES} 条差异，详见 CSV / XLSX。`);
  doc.moveDown(1);
  line('财务（签字）：____________    复核人（签字）：____________    日期：____________', 11);
  doc.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { pages };
}
