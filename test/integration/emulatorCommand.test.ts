import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { connect } from "../../connector/connection.js";
import { collect, errorCodes } from "../support/embeddedSqs.js";
import { CLI, ndjson, parseNdjson, pipeCli, runCli, tempFiles } from "../support/cli.js";

interface RunningEmulator {
  child: ChildProcess;
  endpoint: string;
  stderr(): string;
}

/** Starts `sqs-connector emulator ...` and waits for the first stdout line, its endpoint. */
async function startEmulator(args: string[]): Promise<RunningEmulator> {
  const child = spawn(process.execPath, [CLI, "emulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [endpoint] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  // The queues are created after the endpoint is printed; the last line says it is ready.
  while (!/stop with Ctrl-C/.test(stderr)) await new Promise((resolve) => setTimeout(resolve, 20));
  return { child, endpoint, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("sqs-connector emulator (separate processes)", function () {
  this.timeout(60_000);
  const running: ChildProcess[] = [];
  after(() => {
    for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints its endpoint first, logs the queues it creates, serves several commands (receive | delete), and stops on SIGTERM", async () => {
    const emulator = await startEmulator(["--queue", "orders", "--queue", "events.fifo"]);
    running.push(emulator.child);
    assert.match(emulator.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(emulator.stderr(), /info: emulator: created queue orders \(/);
    assert.match(emulator.stderr(), /info: emulator: created queue events\.fifo \(/);

    const files = tempFiles({
      "local.json": { authType: "accessKeys", accessKeyId: "test", secretAccessKey: "test", endpoint: emulator.endpoint },
    });
    const conn = ["--connection", files("local.json"), "--queue-name", "orders"];
    const sent = await runCli(["send", ...conn], { stdin: ndjson([{ body: "one" }, { body: "two" }]) });
    assert.equal(sent.code, 0, sent.stderr);
    const { first, second } = await pipeCli(["receive", ...conn, "--max-messages", "10"], ["delete", "--connection", files("local.json")]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(
      parseNdjson(second.stdout).map((r) => r["status"]),
      ["success", "success"],
    );
    const connection = connect({ authType: "accessKeys", accessKeyId: "test", secretAccessKey: "test", endpoint: emulator.endpoint });
    const left = await collect(connection.operation("receive", { queueName: "orders", waitTimeSeconds: 0 }).execute());
    connection.close();
    assert.deepEqual(errorCodes(left), [], "the pipe deleted what it received");

    emulator.child.kill("SIGTERM");
    const [code] = (await once(emulator.child, "exit")) as [number | null];
    assert.equal(code, 0);
  });

  it("listens on --port when given", async () => {
    const port = await freePort();
    const emulator = await startEmulator(["--port", String(port)]);
    running.push(emulator.child);
    assert.equal(emulator.endpoint, `http://127.0.0.1:${port}`);
    const taken = await runCli(["emulator", "--port", String(port)]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, new RegExp(`Port ${port} on 127.0.0.1 is in use`));
    emulator.child.kill("SIGINT");
    const [code] = (await once(emulator.child, "exit")) as [number | null];
    assert.equal(code, 0);
  });
});
