/** The device layer's public surface (see each module for details). */
export { DevicesConfig, DEFAULT_FRAME_PROFILE, FrameProfile, KeyboardWedgeConfig, type DevicesConfigInput } from './config.js';
export { createDeviceManager, DeviceManager, VIRTUAL_CARD_ID, VIRTUAL_QR_ID, type DeviceManagerDeps, type DeviceManagerEvents, type DeviceLogger, type VirtualDevices, type DeviceKind, type DeviceSelection, type DeviceInventory } from './manager.js';
export type { DeviceError, ScanEvent } from './events.js';
export { VirtualCardReader } from './virtual/virtual-card-reader.js';
export { VirtualQrScanner, FakeHidSource } from './virtual/virtual-qr-scanner.js';
export { demoCardBasicInfo, demoCardFields, type DemoCardInput } from './virtual/demo-card.js';
export { basicInfoString, decodeBasicInfo, decodeBasicInfoString, encodeBasicInfo, encodeFrame, type BasicInfoFields } from './card/basic-info.js';
export { idCheckDigit, isValidIdNumber, makeIdNumber } from './card/id-number.js';
export { eVoucherIdentity, looksLikeEVoucher } from './qr/scan-text.js';
