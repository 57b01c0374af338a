/**
 * The terminal's one configuration file, validated with zod. Every field has a documented default,
 * so `{}` (no file at all) is the embedded default: in-process center simulator, virtual devices,
 * SQLite under ./data. An area with settings of its own declares its section beside its code
 * (center/config.ts, devices/config.ts …) and is listed here once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BillKind, HospLevel } from '../shared/domain.js';
import { DevicesConfig } from '../devices/config.js';
import { CenterConfig } from './center/config.js';
import { CounterConfig } from './services/counter-config.js';
import { findUnknownKey, unknownKeyMessage } from './config-rules.js';
import { CatalogConfig } from './catalog/config.js';
import { HisConfig } from './his/config.js';
import { PrinterConfig } from './print/config.js';
import { CashConfig } from './till/config.js';
import { describeZodError } from './errors.js';
import { SecurityConfig } from './security/config.js';
import { InstitutionConfig } from './institution/config.js';

export const AppConfig = z.object({
  terminal: z
    .object({
      /** this terminal's id, printed on receipts and in the audit log */
      id: z.string().min(1).max(20).default('T01'),
      /** designated institution code (定点医药机构编号), 12 characters; it prefixes every msgid */
      fixmedins_code: z.string().length(12).default('P53060200001'),
      fixmedins_name: z.string().min(1).max(100).default('昭通市演示大药房（示例）'),
      /** hospital level 1/2/3: picks deductible and ratio where the policy varies by level */
      hosp_level: HospLevel.default(1),
      /** treatment division (就医地) */
      mdtrtarea_admvs: z.string().regex(/^\d{6}$/).default('530600'),
      /** the bill mode the settle screen opens in */
      defaultKind: BillKind.default('pharmacy'),
      /** business dates (today's list, end of day) follow this time zone */
      timeZone: z.string().default('Asia/Shanghai'),
      /**
       * This window's share of the msgid sequence (0–99), required with an institution database: windows
       * of one institution share the code and the seconds, and the center deduplicates by msgid
       */
      msgidSlot: z.number().int().min(0).max(99).optional(),
    })
    .prefault({}),
  center: CenterConfig.prefault({}),
  /** where terminal.db (and the embedded simulator's db) live */
  dataDir: z.string().default('data'),
  /** the screen locks after this many idle seconds */
  idleLockSeconds: z.number().int().min(10).max(86_400).default(300),
  /**
   * Confirming a settlement while the center is unreachable (like offline card payments at shops).
   * Off by default: the cashier is told the center cannot be reached. When on, each settlement's
   * insured amount (everything but cash) is limited, so is the day's total, and so is the age of the
   * cached person data (last 1101) the preview was made from; such settlements are marked pending.
   */
  offline: z
    .object({
      allowConfirm: z.boolean().default(false),
      maxPerSettlementFen: z.number().int().min(0).default(20_000),
      maxPerDayFen: z.number().int().min(0).default(100_000),
      maxPersonAgeHours: z.number().min(0).max(24 * 365).default(72),
    })
    .prefault({}),
  /** embedded default only: seed demo cashiers into an empty cashier table (1001/1234, 1002/2345, 9001/9999) */
  seedDemoCashiers: z.boolean().default(true),
  security: SecurityConfig.prefault({}),
  /** a region policy file; default: the shipped Zhaotong SAMPLE policy */
  policyFile: z.string().optional(),
  catalog: CatalogConfig.prefault({}),
  his: HisConfig.prefault({}),
  devices: DevicesConfig.prefault({}),
  counter: CounterConfig.prefault({}),
  printer: PrinterConfig.prefault({}),
  cash: CashConfig.prefault({}),
  /** the hospital's PostgreSQL where every window's settlements meet; absent: this terminal is its own institution */
  institution: InstitutionConfig.prefault({}),
});
export type AppConfig = z.infer<typeof AppConfig>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parse a config object; the error names the field. `undefined` is "no configuration at all" (the
 * embedded default); anything else must be a JSON object whose every key is known — `null`, an array
 * or a misspelt key is an error, never a silent fall-back to the simulator.
 */
export function parseConfig(doc: unknown, source = 'config'): AppConfig {
  if (doc === undefined) doc = {};
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigError(`${source}: the configuration must be a JSON object ({ … }), not ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc}`);
  }
  const unknown = findUnknownKey(AppConfig, doc);
  if (unknown) throw new ConfigError(`${source}: ${unknownKeyMessage(unknown)}`);
  const r = AppConfig.safeParse(doc);
  if (!r.success) {
    const { message } = describeZodError(r.error);
    throw new ConfigError(`${source}: ${message}`);
  }
  if (r.data.center.url !== 'embedded' && (doc as { seedDemoCashiers?: unknown }).seedDemoCashiers === true) {
    throw new ConfigError(`${source}: seedDemoCashiers: demo cashiers exist only with the built-in simulator (center.url "embedded"); create the first administrator with \`pos cashier init\``);
  }
  if (r.data.institution.database && r.data.terminal.msgidSlot === undefined) {
    throw new ConfigError(
      `${source}: terminal.msgidSlot: with an institution database every window needs its own msgid slot (0–99): windows of one institution share the code and the seconds, and two messages with one msgid would be taken for one at the center`,
    );
  }
  return r.data;
}

/**
 * Load from an explicit path, else $POS_CONFIG, else ./pos.config.json when present, else defaults.
 * A relative dataDir is resolved against the config file's folder (or the working directory).
 */
export function loadConfig(explicitPath?: string, overrides: Record<string, unknown> = {}): { config: AppConfig; source: string } {
  const candidate = explicitPath ?? process.env.POS_CONFIG ?? (fs.existsSync('pos.config.json') ? 'pos.config.json' : undefined);
  let doc: Record<string, unknown> = {};
  let base = process.cwd();
  let source = 'defaults (embedded)';
  if (candidate) {
    const abs = path.resolve(candidate);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read config file ${abs}: ${(e as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ConfigError(`config file ${abs} is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) parseConfig(parsed, abs); // throws, naming what it is
    doc = parsed as Record<string, unknown>;
    const unknown = findUnknownKey(AppConfig, doc);
    if (unknown) throw new ConfigError(`${abs}: ${unknownKeyMessage(unknown)}`);
    // a file says where the center is in writing: the simulator never starts because a key was missed
    const center = doc.center as { url?: unknown } | undefined;
    if (center === undefined || center === null || typeof center !== 'object' || center.url === undefined) {
      throw new ConfigError(`${abs}: center.url is required in a configuration file: the center's https:// address, or "embedded" for the built-in simulator`);
    }
    base = path.dirname(abs);
    source = abs;
  }
  const config = parseConfig({ ...doc, ...overrides }, source);
  if (process.env.POS_DATA_DIR && overrides.dataDir === undefined) config.dataDir = process.env.POS_DATA_DIR;
  config.dataDir = path.resolve(base, config.dataDir);
  return { config, source };
}
