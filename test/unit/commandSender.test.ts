import assert from "node:assert/strict";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { HttpHandlerOptions } from "@smithy/types";
import { CommandSender, type ResolvableCommand } from "../../operations/commandSender.js";

type Input = { QueueUrl: string | undefined; n: number };
type Output = { n: number };

/** A command whose chain answers with its input; `built` records every chain resolved and the options it got. */
function commands() {
  const built: HttpHandlerOptions[] = [];
  const command = (queueUrl: string, n: number): ResolvableCommand<Input, Output> => ({
    input: { QueueUrl: queueUrl, n },
    resolveMiddleware(_stack, _configuration, options) {
      built.push(options);
      return async (args) => ({ output: { n: args.input.n }, response: {} });
    },
  });
  return { built, command };
}

describe("command sender", () => {
  const client = new SQSClient({ region: "us-east-1", credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" } });
  after(() => client.destroy());

  it("builds one chain per queue for a run's options and answers every command through it", async () => {
    const { built, command } = commands();
    const sender = new CommandSender<Input, Output>(client);
    const run = new AbortController();
    const outputs = await Promise.all([1, 2, 3].map((n) => sender.send(command("https://sqs/1/a", n), run.signal, 7000)));
    assert.deepEqual(
      outputs.map((o) => o.n),
      [1, 2, 3],
    );
    await sender.send(command("https://sqs/1/b", 4), run.signal, 7000);
    assert.equal(built.length, 2);
    assert.deepEqual(built[0], { abortSignal: run.signal, requestTimeout: 7000 });
  });

  it("builds a new chain when the abort signal or the timeout changes", async () => {
    const { built, command } = commands();
    const sender = new CommandSender<Input, Output>(client);
    const first = new AbortController();
    const second = new AbortController();
    await sender.send(command("https://sqs/1/a", 1), first.signal);
    await sender.send(command("https://sqs/1/a", 2), second.signal);
    await sender.send(command("https://sqs/1/a", 3), second.signal, 5000);
    assert.deepEqual(built, [
      { abortSignal: first.signal },
      { abortSignal: second.signal },
      { abortSignal: second.signal, requestTimeout: 5000 },
    ]);
  });
});
