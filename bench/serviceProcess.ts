import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { benchScript } from "./childProcess.js";

/** A helper process of the bench (the emulator, the latency proxy): what it printed when ready, and how to stop it. */
export interface ServiceProcess<T> {
  readonly info: T;
  stop(): Promise<void>;
}

/**
 * Starts the compiled bench script `name` in its own process, so its CPU never
 * counts as a contender's, and waits for the one JSON line it prints once it
 * listens. It stops when its stdin closes (bench/serviceMain.ts).
 */
export async function startServiceProcess<T>(name: string, args: string[] = []): Promise<ServiceProcess<T>> {
  const child = spawn(process.execPath, [benchScript(name), ...args], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const info = await firstLine<T>(child, name);
  return {
    info,
    async stop() {
      const exited = once(child, "exit");
      child.stdin?.end();
      await exited;
    },
  };
}

function firstLine<T>(child: ChildProcess, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null): void => reject(new Error(`${name} exited with ${String(code)} before it listened`));
    child.once("exit", onExit);
    lines.once("line", (line) => {
      child.off("exit", onExit);
      lines.close();
      resolve(JSON.parse(line) as T);
    });
  });
}
