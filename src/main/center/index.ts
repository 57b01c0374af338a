/** The insurance-center client: envelope, codecs, transactions, errors. */
export { createCenterClient, type CenterClient, type CenterClientOptions, type CallMeta, type CallResult } from './client.js';
export { CenterError, CenterInputError, centerErrorText, isCenterError, type CenterErrorKind } from './errors.js';
export { formatMsgid, parseMsgid, isValidMsgid, MSGID_LENGTH } from './msgid.js';
export { RequestEnvelope, ResponseEnvelope, Infcode, INFVER, isSuccessInfcode, type OutputDecrypter } from './envelope.js';
export { centerTransactions, isInfno, type Infno, type TxInput, type TxOutput, type TxWireInput, type TxWireOutput } from './registry.js';
export { wireFen, wireFenOrNull, wireBp, wireQty, ratioToBp, bpToRatio } from './wire.js';
export { splitFromSetlinfo } from './transactions/setlinfo.js';
export { personFrom1101, type Out1101Decoded } from './mulaid-extension.js';
export { CENTER_PATH, CONTENT_TYPE, serviceUrl, type TransportSigner, type TransportChain, type HttpPost } from './transport.js';
export { createCenterTransport, CenterSetupError, type CenterTransport } from './center-transport.js';
export type { CertificateView } from './http/certificates.js';
export { formatInfTime, formatCompactTime, formatMillisTime, formatCstDate } from './time.js';
export { createCenterGateway, SYSTEM_OPERATOR, type CenterGateway, type CallOptions, type Operator } from './gateway.js';
export { createCenterLink, type CenterLink, type CenterLinkView, type LinkState } from './link.js';
