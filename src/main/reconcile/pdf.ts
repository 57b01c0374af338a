/**
 * The printable end-of-day summary (pdfkit): one A4 page per group (insutype × clr_type) with the
 * institution, terminal, operator, period, the totals (settlements, reversals, net, the center's,
 * the difference, pending), the differences, and a signature line. Chinese text needs an embedded
 * CJK font (cjk-font.ts); without one the export fails with a clear message.
 */
import fs from 'node:fs';
import { once } from 'node:events';

import type { ReconcileResult, ReconGroup, ReconTotals } from '../../shared/api-reconcile.js';
import { formatYuan } from '../../shared/money.js';
import { AMOUNT_NAMES_ZH, CLR_TYPE_NAMES, DIFFERENCE_NAMES_ZH, INSUTYPE_NAMES, STATUS_NAMES_ZH } from './codes.js';
import { CjkFontMissingError, findCjkFont, type CjkFont } from './cjk-font.js';
import { chinaTime } from './local.js';

export interface PdfMeta {
  result: ReconcileResult;
  exportedBy: { no: string; name: string };
  /** yyyy-MM-dd HH:mm:ss */
  exportedAt: string;
  /** the audit chain's head when the report was printed ("#1234 3f2a91bc5e7d0a14") */
  auditHead?: string;
  font?: CjkFont;
}

const ROWS: Array<[keyof ReconTotals, string]> = [
  ['count', '结算笔数'],
  ['medfee_sumamt', AMOUNT_NAMES_ZH.medfee_sumamt],
  ['fund_pay_sumamt', AMOUNT_NAMES_ZH.fund_pay_sumamt],
  ['acct_pay', AMOUNT_NAMES_ZH.acct_pay],
  ['acct_mulaid_pay', '共济账户支付'],
  ['psn_cash_pay', AMOUNT_NAMES_ZH.psn_cash_pay],
];

const MAX_DIFF_LINES = 14;
const MAX_PENDING_LINES = 6;
const LEFT = 40;
const WIDTH = 515;

function cell(key: keyof ReconTotals, t: ReconTotals | null): string {
  if (!t) return '—';
  return key === 'count' ? String(t[key]) : formatYuan(t[key]);
}

function diff(key: keyof ReconTotals, local: ReconTotals, center: ReconTotals | null): string {
  if (!center) return '—';
  const d = center[key] - local[key];
  if (d === 0) return '0';
  return key === 'count' ? (d > 0 ? `+${d}` : String(d)) : (d > 0 ? '+' : '') + formatYuan(d);
}

function groupTitle(g: ReconGroup): string {
  return `险种 ${g.insutype} ${INSUTYPE_NAMES[g.insutype] ?? ''} · 清算类别 ${g.clr_type} ${CLR_TYPE_NAMES[g.clr_type] ?? ''}`;
}

function drawPage(doc: PDFKit.PDFDocument, meta: PdfMeta, g: ReconGroup | null, pageNo: number, pages: number): void {
  const r = meta.result;
  doc.fontSize(16).text('医保结算日终对账单', LEFT, 40, { width: WIDTH, align: 'center' });
  doc.moveDown(0.6).fontSize(10);
  const period = r.date_from === r.date_to ? r.date_from : `${r.date_from} 至 ${r.date_to}`;
  const info: Array<[string, string]> = [
    ['定点医药机构', `${r.institution.fixmedins_name}（${r.institution.fixmedins_code}）`],
    ['终端编号', r.institution.terminal_id],
    ['对账日期', period],
    ['对账操作员', `${r.operator.name}（${r.operator.no}）  对账时间 ${chinaTime(r.at)}`],
    ['导出操作员', `${meta.exportedBy.name}（${meta.exportedBy.no}）  导出时间 ${meta.exportedAt}`],
    ['全日对账结果', STATUS_NAMES_ZH[r.status]],
    ...(meta.auditHead ? ([['审计链头', `${meta.auditHead}（可用 pos audit verify --expect 核对）`]] as Array<[string, string]>) : []),
  ];
  for (const [k, v] of info) doc.text(`${k}：${v}`, LEFT, undefined, { width: WIDTH });

  doc.moveDown(0.8);
  if (!g) {
    doc.fontSize(12).text('本期无结算记录。', LEFT, undefined, { width: WIDTH });
  } else {
    doc.fontSize(12).text(groupTitle(g), LEFT, undefined, { width: WIDTH });
    doc.fontSize(10).text(`本组对账结果：${STATUS_NAMES_ZH[g.status]}${g.stmt_rslt_dscr ? `（${g.stmt_rslt_dscr}）` : ''}`, LEFT, undefined, { width: WIDTH });
    doc.moveDown(0.5);

    // totals table
    const cols = ['项目', '本地结算', '其中冲销', '本地合计', '医保中心', '差额', '待中心确认'];
    const colW = [95, 70, 70, 70, 70, 70, 70];
    let y = doc.y;
    const drawRow = (values: string[], bold = false) => {
      let x = LEFT;
      values.forEach((v, i) => {
        doc.fontSize(bold ? 9.5 : 9).text(v, x + 2, y + 4, { width: colW[i] - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
        x += colW[i];
      });
      doc.moveTo(LEFT, y + 18).lineTo(LEFT + WIDTH, y + 18).lineWidth(0.5).stroke('#888888');
      y += 18;
    };
    doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(0.8).stroke('#333333');
    drawRow(cols, true);
    for (const [key, label] of ROWS) {
      drawRow([label, cell(key, g.settlements), cell(key, g.reversals), cell(key, g.local), cell(key, g.center), diff(key, g.local, g.center), cell(key, g.pending)]);
    }
    doc.y = y + 10;

    // differences
    doc.fontSize(11).text(`差异明细（${g.differences.length + g.differencesOmitted} 条）`, LEFT, undefined, { width: WIDTH });
    doc.fontSize(8.5);
    if (g.differences.length === 0) doc.text('无', LEFT, undefined, { width: WIDTH });
    let lines = 0;
    outer: for (const d of g.differences) {
      for (const f of d.fields.length ? d.fields : [null]) {
        if (lines >= MAX_DIFF_LINES) break outer;
        const what = `${DIFFERENCE_NAMES_ZH[d.kind]}${d.local_pending_id ? '（本地待确认）' : ''}`;
        const amounts = f
          ? `${AMOUNT_NAMES_ZH[f.field]} 本地 ${f.local === null ? '—' : formatYuan(f.local)} 中心 ${f.center === null ? '—' : formatYuan(f.center)} 差额 ${formatYuan(f.delta)}`
          : '';
        doc.text(`${++lines}. ${what} 结算ID ${d.setl_id}${d.refd_setl_flag === '1' ? '（冲销）' : ''} 人员 ${d.psn_no} ${d.psn_name_masked ?? ''} ${amounts}`, LEFT, undefined, { width: WIDTH });
      }
    }
    const listed = lines;
    const totalLines = g.differences.reduce((n, d) => n + Math.max(1, d.fields.length), 0);
    if (totalLines > listed || g.differencesOmitted > 0) {
      doc.text(`另有 ${totalLines - listed + g.differencesOmitted} 条差异，详见明细导出（CSV / XLSX）。`, LEFT, undefined, { width: WIDTH });
    }

    // pending in this group
    const pend = r.pending.filter((p) => p.insutype === g.insutype && p.clr_type === g.clr_type);
    doc.moveDown(0.5).fontSize(11).text(`待中心确认（${pend.length} 笔，不计入本地合计）`, LEFT, undefined, { width: WIDTH });
    doc.fontSize(8.5);
    pend.slice(0, MAX_PENDING_LINES).forEach((p, i) =>
      doc.text(`${i + 1}. ${p.what === 'reversal' ? '冲销' : '结算'} ${p.psn_name_masked} ${formatYuan(p.medfee_sumamt)} ${p.created_at} ${p.last_error ?? ''}`, LEFT, undefined, { width: WIDTH }),
    );
    if (pend.length > MAX_PENDING_LINES) doc.text(`另有 ${pend.length - MAX_PENDING_LINES} 笔`, LEFT, undefined, { width: WIDTH });
  }

  // signature line and page number at the bottom
  doc.fontSize(11).text('收款员（签字）：____________    复核人（签字）：____________    日期：____________', LEFT, 760, { width: WIDTH });
  doc.fontSize(8).text(`第 ${pageNo} 页 / 共 ${pages} 页`, LEFT, 790, { width: WIDTH, align: 'center' });
}

export async function writePdf(file: string, meta: PdfMeta): Promise<{ pages: number }> {
  const font = meta.font ?? findCjkFont();
  // loaded when an export is asked for, not when the terminal starts
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 40, autoFirstPage: false, info: { Title: '医保结算日终对账单', Author: meta.exportedBy.name } });
  try {
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
  } catch (e) {
    throw new CjkFontMissingError(`${font.file}${font.face ? `#${font.face}` : ''} cannot be used (${(e as Error).message})`);
  }
  const out = fs.createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  doc.pipe(out);
  const groups = meta.result.groups.length ? meta.result.groups : [null];
  groups.forEach((g, i) => {
    doc.addPage({ size: 'A4', margin: 40 });
    drawPage(doc, meta, g, i + 1, groups.length);
  });
  doc.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { pages: groups.length };
}
