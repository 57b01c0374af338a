/**
 * The steps above TCP/TLS come from real messages: one 9001 sign-in, sent exactly as the terminal
 * sends (the configured chain and poster), tells four things — an HTTP answer came, the center read
 * the envelope, it accepted the signature, the operator is signed in — and its failure tells which
 * of them broke. Then, where a test person is configured, 1101 with that person.
 */
import { maskCertno, maskName } from '../../../shared/domain.js';
import { createCenterClient, type CenterClientOptions } from '../client.js';
import { isCenterError, type CenterError } from '../errors.js';
import { CENTER_PATH, type HttpPost, type TransportChain } from '../transport.js';
import type { CheckConfig } from './config.js';
import { isEnvelopeRefusal, isSignatureRefusal, networkReason } from './reasons.js';
import { since, skipped, step, type CheckStep } from './steps.js';

export interface MessageCheckOptions {
  url: string;
  post: HttpPost;
  chain: TransportChain | null;
  schemes: string;
  client: Omit<CenterClientOptions, 'url' | 'post' | 'chain'>;
  nextMsgid(): string;
  testPerson?: CheckConfig['testPerson'];
}

/** http, envelope, signature, signin from the one 9001 */
function fromSignInFailure(e: CenterError, httpMs: number, schemes: string): CheckStep[] {
  const rest = (from: 'envelope' | 'signature' | 'signin') => (['envelope', 'signature', 'signin'] as const).slice(['envelope', 'signature', 'signin'].indexOf(from)).map((id) => skipped(id, '前一步失败，未检查'));
  const status = e.httpStatus;
  if (e.kind === 'unreachable' || e.kind === 'timeout') {
    const reason = e.kind === 'timeout' ? `在配置的超时时间内没有应答（center.timeoutMs）：${e.message}` : networkReason(e);
    return [step('http', 'failed', httpMs, `POST ${CENTER_PATH}`, reason), ...rest('envelope')];
  }
  if (status === 401 || status === 403) {
    return [
      step('http', 'ok', httpMs, `HTTP ${status}（网关拒绝）`),
      skipped('envelope', '请求在网关被拒绝，没有到达医保中心'),
      step('signature', 'failed', 0, `签名方案 ${schemes}`, `网关拒绝了签名：${e.message.replace(/^\d{4} \S+: /, '')}。检查 center.signing.tifHeader.paasid、密钥 tifSecret 和本机时钟`),
      skipped('signin', '前一步失败，未检查'),
    ];
  }
  if (status === 404 || status === 405) {
    return [step('http', 'failed', httpMs, `HTTP ${status}`, `服务地址不存在：center.url 应为医保中心（或前置机）的基础地址，终端会在其后加上 ${CENTER_PATH}`), ...rest('envelope')];
  }
  if (status !== null && status >= 500) return [step('http', 'failed', httpMs, `HTTP ${status}`, `医保中心服务内部错误（HTTP ${status}），请稍后再试或联系医保中心`), ...rest('envelope')];
  const http = step('http', 'ok', httpMs, `HTTP ${status ?? '?'}`);
  if (e.kind === 'bad_reply' && e.field === 'output' && /signData|解密|decrypt/.test(e.message)) {
    return [http, step('envelope', 'ok', 0, '医保中心已受理报文'), step('signature', 'failed', 0, `签名方案 ${schemes}`, `医保中心的应答无法验证或解密：${e.message.replace(/^\d{4} \S+: /, '')}。检查 center.signing.sm2.centerPublicKey 和 sm4Key`), skipped('signin', '前一步失败，未检查')];
  }
  if (e.kind === 'bad_reply' && !e.field?.startsWith('output')) {
    return [http, step('envelope', 'failed', 0, '应答不是国家医保接口报文', `对方不像医保中心：${e.message.replace(/^\d{4} \S+: /, '')}。检查 center.url 是否指向医保中心或前置机`), ...rest('signature')];
  }
  if (e.kind === 'bad_reply') {
    return [http, step('envelope', 'ok', 0, '医保中心已受理报文'), step('signature', 'ok', 0, `签名方案 ${schemes}`), step('signin', 'failed', 0, '签到应答不完整', e.message)];
  }
  const said = e.err_msg ?? e.message;
  if (isEnvelopeRefusal(said)) return [http, step('envelope', 'failed', 0, `infcode ${e.infcode}`, `医保中心不接受报文：${said}`), ...rest('signature')];
  const envelope = step('envelope', 'ok', 0, `医保中心已受理报文（infcode ${e.infcode}）`);
  if (isSignatureRefusal(said)) return [http, envelope, step('signature', 'failed', 0, `签名方案 ${schemes}`, `医保中心不接受签名：${said}`), skipped('signin', '前一步失败，未检查')];
  return [http, envelope, step('signature', 'ok', 0, `签名方案 ${schemes}`), step('signin', 'failed', 0, `infcode ${e.infcode}`, `医保中心拒绝签到：${said}`)];
}

export async function messageSteps(o: MessageCheckOptions): Promise<CheckStep[]> {
  let httpMs = 0;
  let httpStatus = 0;
  const timedPost: HttpPost = async (url, req) => {
    const t0 = performance.now();
    try {
      const r = await o.post(url, req);
      httpStatus = r.status;
      return r;
    } finally {
      httpMs = since(t0);
    }
  };
  const client = createCenterClient({ ...o.client, url: o.url, post: timedPost, chain: o.chain });
  const insuplc_admdvs = o.client.mdtrtarea_admvs;
  const t0 = performance.now();
  let signNo: string;
  const steps: CheckStep[] = [];
  try {
    const r = await client.callDetailed('9001', { signIn: { opter_no: o.client.opter, mac: '', ip: '127.0.0.1' } }, { msgid: o.nextMsgid(), insuplc_admdvs });
    signNo = r.output.signinoutb.sign_no;
    const decodeMs = Math.max(0, since(t0) - httpMs);
    steps.push(
      step('http', 'ok', httpMs, `HTTP ${httpStatus}，POST ${CENTER_PATH}`),
      step('envelope', 'ok', decodeMs, `医保中心已受理报文（infcode 0${r.inf_refmsgid ? `，inf_refmsgid ${r.inf_refmsgid}` : ''}）`),
      step('signature', 'ok', 0, o.chain ? `签名方案 ${o.schemes} 通过验证` : '未配置签名（none），医保中心未要求签名'),
      step('signin', 'ok', 0, `操作员 ${o.client.opter} 已签到，签到编号 ${signNo}`),
    );
  } catch (e) {
    if (!isCenterError(e)) {
      steps.push(step('http', 'failed', since(t0), '请求没有发出', `本机出错：${(e as Error).message}`), ...(['envelope', 'signature', 'signin', 'person'] as const).map((id) => skipped(id, '前一步失败，未检查')));
      return steps;
    }
    steps.push(...fromSignInFailure(e, httpMs || since(t0), o.schemes), skipped('person', '签到未成功，未查询'));
    return steps;
  }
  steps.push(await personStep(o, client, signNo));
  return steps;
}

async function personStep(o: MessageCheckOptions, client: ReturnType<typeof createCenterClient>, signNo: string): Promise<CheckStep> {
  const p = o.testPerson;
  if (!p) return skipped('person', '未配置测试人员（center.check.testPerson，或 --person 证件号）');
  const t0 = performance.now();
  try {
    const out = await client.personInfo({ mdtrt_cert_type: p.mdtrt_cert_type, mdtrt_cert_no: p.mdtrt_cert_no }, { msgid: o.nextMsgid(), insuplc_admdvs: p.insuplc_admdvs ?? o.client.mdtrtarea_admvs, sign_no: signNo });
    const b = out.baseinfo;
    const insu = out.insuinfo.map((i) => `${i.insutype}@${i.insuplc_admdvs}`).join('、') || '无参保信息';
    return step('person', 'ok', since(t0), `${maskName(b.psn_name)}，证件 ${maskCertno(b.certno)}，人员编号 ${b.psn_no}，险种 ${insu}`);
  } catch (e) {
    const reason = isCenterError(e) ? (e.kind === 'refused' ? `医保中心答复：${e.err_msg ?? e.message}` : networkReason(e)) : (e as Error).message;
    return step('person', 'failed', since(t0), `查询 ${p.mdtrt_cert_type === '02' ? maskCertno(p.mdtrt_cert_no) : '测试凭证'}`, reason);
  }
}
