/**
 * `pos split [file] [--ndjson] [--policy FILE --region CODE]`: the engine on the command line.
 * This file is the edge: it reads files and streams and validates what it reads (the request schemas live in
 * settle/split-request.ts); the engine in settle/ stays pure and trusts what it is given.
 *
 * Input: one request as JSON (from `file` or stdin), either
 *   - inline: a SplitRequest { lines, policy: PolicyNumbers, person }, or
 *   - by context: { lines, person, context: { insutype, med_type, hosp_level, date, ytd, cvlserv_flag },
 *     policy_file? } with the policy from `policy_file`, `--policy FILE`, or the bundled sample of `--region`.
 * Output: { ...the national split fields, lines, explanation, policy_version, ytd_delta } as JSON.
 * `--ndjson`: one request per input line → one result per output line, in constant memory; an invalid line
 * gives {"error":{"line","field","message"}} on its output line and exit code 2 at the end.
 * Exit codes: 0 done; 2 invalid input or usage (the message names the field; never a wrong split); 1 internal error.
 */
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { SplitResult } from '../../shared/domain.js';
import { MoneyError } from '../../shared/money.js';
import { CatalogError, PolicyError, parsePolicy, resolvePolicyNumbers, splitBill, splitUntrusted, type PolicyFile } from '../settle/index.js';
import { SplitByContextRequest } from '../settle/split-request.js';
import { samplePolicy530600 } from '../settle/sample-data.js';

export interface SplitCommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** An input problem: exit 2, message names the field. */
class InputError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

interface Options {
  file?: string;
  ndjson: boolean;
  policy?: string;
  region?: string;
}

const USAGE = 'usage: pos split [file] [--ndjson] [--policy FILE] [--region CODE]';

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { ndjson: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InputError(`${a} needs a value`, a);
      return v;
    };
    if (a === '--ndjson') o.ndjson = true;
    else if (a === '--policy') o.policy = value();
    else if (a.startsWith('--policy=')) o.policy = a.slice('--policy='.length);
    else if (a === '--region') o.region = value();
    else if (a.startsWith('--region=')) o.region = a.slice('--region='.length);
    else if (a.startsWith('-') && a !== '-') throw new InputError(`unknown option ${a}`, a);
    else if (o.file !== undefined) throw new InputError(`only one input file, got ${o.file} and ${a}`, a);
    else o.file = a;
  }
  if (o.region !== undefined && !/^\d{6}$/.test(o.region)) throw new InputError('--region must be a 6-digit division code', '--region');
  return o;
}

function zodField(e: z.ZodError): { field: string; message: string } {
  const issue = e.issues[0];
  const field = issue.path.map(String).join('.') || '(root)';
  return { field, message: `${field}: ${issue.message}` };
}

/** Policies by path, read and validated once per run. */
class PolicySource {
  private readonly cache = new Map<string, PolicyFile>();
  constructor(private readonly opts: Options) {}

  async get(fromRequest: string | undefined): Promise<PolicyFile> {
    const path = this.opts.policy ?? fromRequest;
    let policy: PolicyFile;
    if (path !== undefined) {
      const hit = this.cache.get(path);
      if (hit) policy = hit;
      else {
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (e) {
          throw new InputError(`policy file ${path}: ${(e as Error).message}`, this.opts.policy ? '--policy' : 'policy_file');
        }
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch (e) {
          throw new InputError(`policy file ${path}: invalid JSON: ${(e as Error).message}`, 'policy_file');
        }
        policy = parsePolicy(doc); // PolicyError names the field inside the file
        this.cache.set(path, policy);
      }
    } else if (this.opts.region === '530600') {
      policy = this.cache.get('#sample') ?? samplePolicy530600();
      this.cache.set('#sample', policy);
    } else {
      throw new InputError(
        this.opts.region ? `no bundled policy for region ${this.opts.region}: pass --policy FILE` : 'a request by context needs a policy: --policy FILE, --region 530600 or policy_file',
        'policy_file',
      );
    }
    if (this.opts.region !== undefined && policy.region !== this.opts.region) {
      throw new InputError(`policy region ${policy.region} does not match --region ${this.opts.region}`, '--region');
    }
    return policy;
  }
}

/** One request (already JSON-parsed) → the output object. Throws InputError / PolicyError / ZodError on bad input. */
async function splitOne(doc: unknown, policies: PolicySource): Promise<Record<string, unknown>> {
  let result: SplitResult;
  if (doc !== null && typeof doc === 'object' && 'context' in doc) {
    const r = SplitByContextRequest.parse(doc);
    const policy = await policies.get(r.policy_file);
    result = splitBill({ lines: r.lines, person: r.person, policy: resolvePolicyNumbers(policy, r.context) });
  } else {
    result = splitUntrusted(doc);
  }
  return { ...result.split, lines: result.lines, explanation: result.explanation, policy_version: result.policy_version, ytd_delta: result.ytd_delta };
}

/** Turn an input failure into { field, message }; anything else is rethrown (internal error). */
function describeInputError(e: unknown): { field: string; message: string } {
  if (e instanceof z.ZodError) return zodField(e);
  if (e instanceof InputError || e instanceof PolicyError || e instanceof CatalogError) return { field: e.field, message: e.message };
  if (e instanceof MoneyError) return { field: '(amounts)', message: e.message };
  throw e;
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(text, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else out.once('drain', () => resolve());
  });
}

const MAX_SINGLE_BYTES = 16 * 1024 * 1024;

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_SINGLE_BYTES) throw new InputError('request is larger than 16 MiB (use --ndjson for many requests)', '(input)');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function openInput(opts: Options, io: SplitCommandIo): Promise<NodeJS.ReadableStream> {
  if (opts.file === undefined || opts.file === '-') return io.stdin;
  try {
    const fh = await open(opts.file, 'r');
    return fh.createReadStream();
  } catch (e) {
    throw new InputError(`input file ${opts.file}: ${(e as Error).message}`, '(input)');
  }
}

/** `pos split …` (argv = the arguments after `split`). Resolves to the exit code. */
export async function runSplitCommand(argv: string[], io: SplitCommandIo): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    await write(io.stderr, `${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const policies = new PolicySource(opts);
  try {
    const input = await openInput(opts, io);
    if (opts.ndjson) return await runNdjson(input, io, policies);
    const text = await readAll(input);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new InputError(`invalid JSON: ${(e as Error).message}`, '(input)');
    }
    const out = await splitOne(doc, policies);
    await write(io.stdout, `${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (e) {
    let described: { field: string; message: string };
    try {
      described = describeInputError(e);
    } catch {
      await write(io.stderr, `internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    await write(io.stderr, `pos split: ${described.message}\n`);
    return 2;
  }
}

async function runNdjson(input: NodeJS.ReadableStream, io: SplitCommandIo, policies: PolicySource): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const raw of rl) {
    lineNo++;
    const text = raw.trim();
    if (text === '') continue;
    let out: string;
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        throw new InputError(`invalid JSON: ${(e as Error).message}`, '(input)');
      }
      out = JSON.stringify(await splitOne(doc, policies));
    } catch (e) {
      failed++;
      out = JSON.stringify({ error: { line: lineNo, ...describeInputError(e) } });
    }
    await write(io.stdout, `${out}\n`);
  }
  if (failed > 0) await write(io.stderr, `pos split: ${failed} of the input lines were invalid\n`);
  return failed > 0 ? 2 : 0;
}
