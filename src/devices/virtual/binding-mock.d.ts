/**
 * Types for @serialport/binding-mock: its package.json "exports" has no "types" condition, so
 * TypeScript (moduleResolution "bundler") cannot find the shipped index.d.ts. This mirrors the part
 * of it the project uses (binding-mock 10.2).
 */
declare module '@serialport/binding-mock' {
  export interface CreatePortOptions {
    echo?: boolean;
    record?: boolean;
    readyData?: Buffer;
    maxReadSize?: number;
    manufacturer?: string;
    vendorId?: string;
    productId?: string;
  }

  export interface MockPortInfo {
    path: string;
    manufacturer?: string;
    serialNumber?: string;
    pnpId?: string;
    locationId?: string;
    vendorId?: string;
    productId?: string;
  }

  export interface MockPortBinding {
    readonly port: { data: Buffer; echo: boolean; record: boolean; info: MockPortInfo } | null;
    lastWrite: null | Buffer;
    recording: Buffer;
    isOpen: boolean;
    /** pretend the device sent `data` (throws when the port is not open) */
    emitData(data: Buffer | string): void;
    close(): Promise<void>;
  }

  export interface MockBindingInterface {
    reset(): void;
    createPort(path: string, opt?: CreatePortOptions): void;
    list(): Promise<MockPortInfo[]>;
    open(options: { path: string; baudRate: number; [k: string]: unknown }): Promise<MockPortBinding>;
  }

  export const MockBinding: MockBindingInterface;

  export class CanceledError extends Error {
    canceled: true;
  }
}
