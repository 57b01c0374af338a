import { describe, expect, it } from 'vitest';
import { createDeviceManager, type DeviceManagerDeps } from '../../../src/devices/manager.js';
import { DevicesConfig } from '../../../src/devices/config.js';

describe('createDeviceManager deps accept the real libraries (checked by tsc)', () => {
  it('node-hid module and SerialPort.list fit the deps types', async () => {
    const deps: DeviceManagerDeps = {
      loadHid: () => import('node-hid'),
      listSerial: async () => (await import('serialport')).SerialPort.list(),
      today: () => '2025-06-01',
      logger: { info: () => undefined, warn: () => undefined },
    };
    const m = createDeviceManager(DevicesConfig.parse({ virtual: false }), deps);
    expect(m.status()).toEqual([]);
    expect(m.virtual).toBeNull();
    await m.start();
    await m.stop();
  });
});
