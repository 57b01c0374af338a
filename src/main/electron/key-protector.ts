/**
 * Electron's safeStorage as the store's key protector: the data key is wrapped by the OS key store
 * (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux). Linux's "basic_text" fallback
 * is a fixed, public key, so it counts as unavailable and the 0600 key file is used instead.
 */
import type { KeyProtector } from '../store/keys.js';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(wrapped: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function safeStorageProtector(ss: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProtector {
  return {
    name: 'safeStorage',
    available: () => ss.isEncryptionAvailable() && !(platform === 'linux' && ss.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (key) => ss.encryptString(key.toString('base64')),
    decrypt: (wrapped) => Buffer.from(ss.decryptString(wrapped), 'base64'),
  };
}
