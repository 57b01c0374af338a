/**
 * `pos check-center [--config FILE] [--person ID_NUMBER] [--operator NO] [--json]` — the first tool
 * an IT admin runs: name resolution, TCP, TLS, HTTP, envelope, signature, 9001 and (with a test
 * person) 1101, each with its time and, on failure, the reason in plain Chinese.
 * Exit 0: every step passed (warnings allowed); 3: a step failed; 2: usage or configuration.
 */
import path from 'node:path';
import { startCenterSim, type CenterSim } from '../../center-sim/index.js';
import { openStore } from '../app.js';
import { createCenterTransport, type CenterTransport } from '../center/index.js';
import { formatStep, runCenterCheck } from '../center/check/index.js';
import { loadConfig, type AppConfig } from '../config.js';
import { EXIT, operatorOf, option, type Io } from './args.js';
import { CHECK_CENTER_USAGE } from './usage.js';


const ID_NUMBER = /^\d{17}[\dX]$/;

export async function checkCenterCommand(argv: string[], io: Io = process): Promise<number> {
  const person = option(argv, '--person');
  if (argv.includes('--person') && (!person || !ID_NUMBER.test(person))) {
    io.stderr.write('pos check-center: --person 后应为 18 位身份证号 / --person needs an 18-character ID number\n');
    return EXIT.usage;
  }
  let config: AppConfig;
  let transport: CenterTransport;
  try {
    config = loadConfig(option(argv, '--config')).config;
    transport = createCenterTransport(config.center);
  } catch (e) {
    io.stderr.write(`pos check-center: 配置错误 / configuration: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  const store = openStore(config);
  let sim: CenterSim | null = null;
  try {
    // the embedded default checks its own in-process simulator (useful to see the output, little more)
    if (config.center.url === 'embedded') sim = await startCenterSim({ dbPath: path.join(config.dataDir, 'center-sim.db'), port: 0, host: '127.0.0.1', security: transport.simulatorExpectation() });
    const url = sim ? sim.url : config.center.url;
    const op = operatorOf(store, argv);
    const json = argv.includes('--json');
    if (!json) io.stdout.write(`检查医保中心连接：${url}${sim ? '（嵌入式模拟器）' : ''}  签名：${transport.schemes}${transport.proxy ? `  代理：${transport.proxy.host}:${transport.proxy.port}` : ''}\n`);
    const report = await runCenterCheck(
      {
        url,
        transport,
        client: {
          fixmedins_code: config.terminal.fixmedins_code,
          fixmedins_name: config.terminal.fixmedins_name,
          mdtrtarea_admvs: config.terminal.mdtrtarea_admvs,
          dev_no: config.terminal.id,
          opter: op.no,
          opter_name: op.name,
          opter_type: config.center.opter_type,
          timeoutMs: config.center.timeoutMs,
        },
        nextMsgid: () => store.msgids.next(),
        testPerson: person ? { mdtrt_cert_type: '02', mdtrt_cert_no: person } : config.center.check.testPerson,
      },
      (s) => {
        if (!json) io.stdout.write(`${formatStep(s)}\n`);
      },
    );
    if (json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      const failed = report.steps.filter((s) => s.status === 'failed').length;
      const warned = report.steps.filter((s) => s.status === 'warn').length;
      io.stdout.write(failed ? `\n${failed} 步未通过（共 ${report.ms} ms）\n` : `\n全部通过${warned ? `，${warned} 项需要注意` : ''}（共 ${report.ms} ms）\n`);
    }
    return report.ok ? EXIT.ok : EXIT.notBalanced;
  } finally {
    transport.close();
    if (sim) await sim.close();
    store.close();
  }
}
