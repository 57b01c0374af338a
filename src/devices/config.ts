/**
 * Device configuration (one slice of the app's config file). Every field has a documented default so
 * that `DevicesConfig.parse({})` gives a working setup: the virtual card reader and the virtual QR
 * scanner (the embedded default), no hardware.
 */
import { z } from 'zod';

/** USB vendor/product id: a number, or hex text as `SerialPort.list()` and lsusb print it ("1a86", "0x1A86"). */
export const UsbId = z
  .union([
    z.number().int().min(0).max(0xffff),
    z.string().regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'USB id must be 1-4 hex digits, e.g. "1a86" or "0x1a86"'),
  ])
  .transform((v) => (typeof v === 'number' ? v : parseInt(v.replace(/^0x/i, ''), 16)));

/** Bytes written as hex text; spaces allowed ("02 00 02 10 03 11 03"). */
export const HexBytes = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => /^([0-9a-fA-F]{2})*$/.test(s), 'must be hex bytes, e.g. "02 00 02 10 03 11 03"');

const byte = z.number().int().min(0).max(255);

/**
 * How a serial/HID card reader frames its messages: STX, length of the payload (big-endian),
 * payload, checksum over length + payload, ETX.
 */
export const FrameProfile = z.object({
  stx: byte.default(0x02),
  etx: byte.default(0x03),
  checksum: z.enum(['xor', 'sum8', 'none']).default('xor'),
  lengthBytes: z.union([z.literal(1), z.literal(2)]).default(2),
  /** largest payload accepted; a longer announced length is an error and the parser resyncs */
  maxPayload: z.number().int().min(1).max(65535).default(1024),
  /** bytes written to ask for the card's basic info (the default is the framed payload 10 03: "read basic info, iType 3") */
  readCommand: HexBytes.default('02000210031103'),
  /** bytes written after a good read (the default is the framed payload 20 01: "beep once") */
  beepCommand: HexBytes.default('02000220012303'),
});
export type FrameProfile = z.infer<typeof FrameProfile>;

/** The one built-in profile: STX 0x02, 2-byte big-endian payload length, payload, XOR over length+payload, ETX 0x03. */
export const DEFAULT_FRAME_PROFILE: FrameProfile = FrameProfile.parse({});

const deviceId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'device id: letters, digits, _ . : -');

export const SerialCardReaderConfig = z
  .object({
    id: deviceId,
    /** serial device path (/dev/ttyUSB0, COM3); or match by vendorId/productId instead */
    path: z.string().min(1).optional(),
    vendorId: UsbId.optional(),
    productId: UsbId.optional(),
    baudRate: z.number().int().positive().default(9600),
    /** key of `frameProfiles` */
    profile: z.string().default('default'),
  })
  .refine((c) => c.path !== undefined || c.vendorId !== undefined, {
    message: 'serial card reader needs a path or a vendorId (with optional productId)',
    path: ['path'],
  });
export type SerialCardReaderConfig = z.infer<typeof SerialCardReaderConfig>;

export const HidCardReaderConfig = z.object({
  id: deviceId,
  vendorId: UsbId,
  productId: UsbId,
  /** size of output reports, without the report-id byte */
  reportSize: z.number().int().min(2).max(1024).default(64),
  profile: z.string().default('default'),
});
export type HidCardReaderConfig = z.infer<typeof HidCardReaderConfig>;

export const HidQrScannerConfig = z.object({
  id: deviceId,
  vendorId: UsbId.optional(),
  productId: UsbId.optional(),
  /** HID POS bar code scanner usage page */
  usagePage: z.number().int().min(0).max(0xffff).default(0x8c),
  /** true when the OS delivers a report-id byte before each report (numbered reports) */
  reportIdPrefix: z.boolean().default(false),
});
export type HidQrScannerConfig = z.infer<typeof HidQrScannerConfig>;

export const SerialQrScannerConfig = z.object({
  id: deviceId,
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  terminator: z.enum(['CR', 'LF', 'CRLF']).default('CR'),
});
export type SerialQrScannerConfig = z.infer<typeof SerialQrScannerConfig>;

/** A vendor's loopback WebSocket card service: we send {"function":"iReadCardBas","iType":3}, it answers with the basic info. */
export const CardServiceConfig = z.object({
  id: deviceId,
  url: z.string().regex(/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/.*)?$/, 'card service must be a loopback ws:// URL'),
});
export type CardServiceConfig = z.infer<typeof CardServiceConfig>;

const cName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_@]*$/, 'a C function name');

/**
 * The reader vendor's card library implementing the unified card interface (SSCardDriver.dll on
 * Windows, a .so on Linux), called through FFI in a process of its own:
 *   long iReadCardBas(int iType, char *pOutInfo)                 0 = the basic-info string, else the reason
 *   long iReadCardBas_HSM_Step1(char *pOutInfo)                  readers with a security module: data for the key service,
 *   long iReadCardBas_HSM_Step2(char *pKey, char *pOutInfo)      then the basic info with the key it gave
 */
export const VendorLibraryConfig = z
  .object({
    id: deviceId,
    /** the library file (absolute path) */
    path: z.string().min(1),
    /** the read function's name */
    function: cName.default('iReadCardBas'),
    /** Windows 32-bit builds are often __stdcall (it makes no difference on 64-bit) */
    callingConvention: z.enum(['cdecl', 'stdcall']).default('cdecl'),
    /** what the header declares: long or int */
    returnType: z.enum(['long', 'int']).default('long'),
    /** bytes of the output buffer handed to the library */
    bufferSize: z.number().int().min(256).max(65_536).default(2048),
    /** 1 contact, 2 contactless, 3 automatic contact first, 4 automatic contactless first */
    iType: z.number().int().min(1).max(4).default(3),
    /** a call that takes longer is abandoned and the library's process restarted */
    timeoutMs: z.number().int().min(200).max(60_000).default(5000),
    /** read by itself every pollMs (a new card is reported once); absent: only when asked (读卡) */
    pollMs: z.number().int().min(300).max(60_000).optional(),
    /** the two-step read of readers with a security module (HSM) */
    hsm: z
      .object({
        step1: cName.default('iReadCardBas_HSM_Step1'),
        step2: cName.default('iReadCardBas_HSM_Step2'),
        /** some builds declare Step1(int iType, char *pOutInfo) */
        step1TakesIType: z.boolean().default(false),
        /** where step 2's key comes from: a key service that is sent step 1's output, or a file */
        key: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('http'), url: z.url(), timeoutMs: z.number().int().min(100).max(30_000).default(3000) }).strict(),
          z.object({ kind: z.literal('file'), path: z.string().min(1) }).strict(),
        ]),
      })
      .strict()
      .optional(),
  })
  .strict();
export type VendorLibraryConfig = z.infer<typeof VendorLibraryConfig>;

/**
 * Keyboard-wedge scanners (they type like a keyboard): the renderer tells a scan from typing by the
 * gap between keys and the Enter at the end, and keeps scans out of whatever field has focus.
 */
export const KeyboardWedgeConfig = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * keys closer together than this belong to one burst (scanners: 1-20 ms; people: rarely three keys
     * in a row under 50 ms, and a false burst is only held back, then given back)
     */
    maxGapMs: z.number().int().min(5).max(200).default(50),
    /** once a burst is recognized (a scanner for sure), its keys and final Enter may be this far apart (USB hiccups, a busy machine) */
    burstGapMs: z.number().int().min(5).max(500).default(100),
    /** a burst is recognized at this many fast keys; the ones before it that already landed in a field are taken out again */
    burstKeys: z.number().int().min(2).max(8).default(3),
    /** the shortest scan (characters before Enter) */
    minLength: z.number().int().min(2).max(64).default(6),
  })
  .refine((w) => w.minLength >= w.burstKeys, { message: 'minLength must be at least burstKeys', path: ['minLength'] })
  .refine((w) => w.burstGapMs >= w.maxGapMs, { message: 'burstGapMs must be at least maxGapMs', path: ['burstGapMs'] });
export type KeyboardWedgeConfig = z.infer<typeof KeyboardWedgeConfig>;

export const DevicesConfig = z
  .object({
    /** virtual card reader + virtual QR scanner (developer panel, embedded default) */
    virtual: z.boolean().default(true),
    serialCardReaders: z.array(SerialCardReaderConfig).default([]),
    hidCardReaders: z.array(HidCardReaderConfig).default([]),
    hidQrScanners: z.array(HidQrScannerConfig).default([]),
    serialQrScanners: z.array(SerialQrScannerConfig).default([]),
    cardServices: z.array(CardServiceConfig).default([]),
    vendorLibraries: z.array(VendorLibraryConfig).default([]),
    /** named frame profiles; 'default' is always present */
    frameProfiles: z.record(z.string(), FrameProfile).default({}),
    /** hot-plug enumeration period */
    pollMs: z.number().int().min(100).max(60_000).default(1000),
    keyboardWedge: KeyboardWedgeConfig.default({ enabled: true, maxGapMs: 50, burstGapMs: 100, burstKeys: 3, minLength: 6 }),
  })
  .transform((c): Omit<typeof c, 'frameProfiles'> & { frameProfiles: Record<string, FrameProfile> } => ({
    ...c,
    frameProfiles: { default: DEFAULT_FRAME_PROFILE, ...c.frameProfiles },
  }))
  .superRefine((c, ctx) => {
    // every array in the config is a list of devices: a new kind's list is checked without naming it here
    const lists = (Object.entries(c) as Array<[string, unknown]>).filter((e): e is [string, Array<{ id: string; profile?: string }>] => Array.isArray(e[1]));
    const ids = new Set<string>();
    for (const [list, arr] of lists) {
      arr.forEach(({ id }, i) => {
        if (id.startsWith('virtual-')) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `device id "${id}": the prefix virtual- is reserved` });
        if (ids.has(id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `device id "${id}" is used twice` });
        ids.add(id);
      });
    }
    for (const [list, arr] of lists) {
      arr.forEach((d, i) => {
        if (d.profile !== undefined && !(d.profile in c.frameProfiles)) ctx.addIssue({ code: 'custom', path: [list, i, 'profile'], message: `unknown frame profile "${d.profile}"` });
      });
    }
  });
export type DevicesConfig = z.infer<typeof DevicesConfig>;
export type DevicesConfigInput = z.input<typeof DevicesConfig>;

/** hex text (already validated) to bytes */
export function hexToBytes(hex: string): Buffer {
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}
