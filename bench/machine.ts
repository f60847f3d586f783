import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started, before any contender ran. */
  loadAtStart: number;
}

/** The machine as BENCHMARKS.md names it: nproc, /proc/cpuinfo model name, total memory, node version. */
export function describeMachine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    loadAtStart: loadavg()[0]!,
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}`;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    return match?.[1]?.trim() ?? "unknown CPU";
  } catch {
    return "unknown CPU";
  }
}
