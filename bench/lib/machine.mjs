import { cpus, loadavg, totalmem } from 'node:os';

/** The machine the figures were measured on. */
export function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** One-minute load average when the run started: other work on the machine skews every figure. */
    load: loadavg()[0],
  };
}
