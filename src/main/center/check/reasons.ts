/** System and TLS error codes, and center refusals, told in plain Chinese for the admin. */

const NETWORK: Record<string, string> = {
  ENOTFOUND: '找不到这个主机名：检查 center.url 中的主机名是否写对，以及本机的 DNS 设置',
  EAI_AGAIN: 'DNS 服务器暂时没有应答：检查本机网络和 DNS 服务器',
  ECONNREFUSED: '对方拒绝连接：该地址的这个端口上没有服务在监听（医保中心服务或前置机没有启动，或端口写错）',
  ECONNRESET: '连接被对方断开：可能是防火墙、网关拦截，或对方要求客户端证书',
  ETIMEDOUT: '连接超时：防火墙可能拦截了该端口，或地址不可达',
  EHOSTUNREACH: '主机不可达：检查网络连接、网关和路由',
  ENETUNREACH: '网络不可达：本机没有通往该地址的网络（检查网线、VPN 或专线）',
  EPROXYAUTH: '代理服务器要求用户名和密码：在密钥文件中配置 proxyAuth',
  EPROXYREFUSED: '代理服务器拒绝转发到医保中心：检查代理的访问规则',
  EPROXYTIMEOUT: '代理服务器没有及时建立通道',
};

const TLS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '服务器证书不受信任：它的签发者不在信任列表中，请在 center.tls.caFile 中配置医保中心（或前置机）的 CA 证书',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: '服务器证书不受信任：找不到它的签发者，请在 center.tls.caFile 中配置医保中心（或前置机）的 CA 证书',
  SELF_SIGNED_CERT_IN_CHAIN: '服务器证书链中有未受信任的自签名根证书，请在 center.tls.caFile 中配置该 CA 证书',
  DEPTH_ZERO_SELF_SIGNED_CERT: '服务器使用自签名证书，且不在 center.tls.caFile 的信任列表中',
  CERT_HAS_EXPIRED: '服务器证书已过期：请联系医保中心或前置机管理员更换证书',
  CERT_NOT_YET_VALID: '服务器证书尚未生效：检查本机时钟是否正确',
  ERR_TLS_CERT_ALTNAME_INVALID: '服务器证书上的名称与所连接的地址不符：若 center.url 写的是 IP 地址，请在 center.tls.servername 中填写证书上的名称',
  CERT_REVOKED: '服务器证书已被吊销',
};

/** the first system code in an error or its causes (CenterError → NetworkError → the socket error) */
export function errorCode(e: unknown): string | null {
  let c: unknown = e;
  for (let i = 0; i < 5 && c && typeof c === 'object'; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    c = (c as { cause?: unknown }).cause;
  }
  return null;
}

export function networkReason(e: unknown): string {
  const code = errorCode(e);
  if (code && NETWORK[code]) return `${NETWORK[code]}（${code}）`;
  if (code && TLS[code]) return `${TLS[code]}（${code}）`;
  if (code && /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE/.test(code)) {
    return `服务器拒绝了本机的客户端证书或要求提供客户端证书：检查 center.tls.certFile / keyFile 是否为医保中心签发的证书（${code}）`;
  }
  const message = e instanceof Error ? e.message : String(e);
  return code ? `${message}（${code}）` : message;
}

export function tlsReason(code: string): string {
  return TLS[code] ? `${TLS[code]}（${code}）` : `服务器证书验证失败（${code}）`;
}

/** a refusal about the signature, the time or a replay (as centers and gateways word them) */
export function isSignatureRefusal(text: string): boolean {
  return /签名|验签|鉴权|cainfo|signData|signtype|signature|x-tif|时间戳|报文时间|随机数|nonce|重放|解密|encData|未加密/i.test(text);
}

/** a refusal because the envelope itself could not be read or accepted */
export function isEnvelopeRefusal(text: string): boolean {
  return /报文头校验|报文不是合法|接口版本号|报文ID|不支持的交易编号|入参校验|格式错误/.test(text);
}
