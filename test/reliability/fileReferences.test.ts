import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli, tempFiles } from "../support/cli.js";

const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/ta-1",
  profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p-1",
  roleArn: "arn:aws:iam::123456789012:role/workload",
};

/*
 * Files the CLI is pointed at: only regular files (and, for files named on the
 * command line, pipes) are read, "@file" references up to 1 MiB. /dev/zero once grew without end and a FIFO blocked forever; every
 * case here must end with exit 2 and say what is wrong (mocha's timeout is the
 * liveness bound).
 */
describe("files the CLI reads: regular files and command-line pipes only, @file references up to 1 MiB", function () {
  this.timeout(30_000);
  let file: (name: string) => string;
  const connectionWith = (certificate: string) => ({ authType: "rolesAnywhere", ...ARNS, certificate, privateKey: "@key.pem" });

  before(() => {
    file = tempFiles({
      "key.pem": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
      "big.p12": "x".repeat(2 * 1024 * 1024),
    });
    mkdirSync(file("a-directory"));
    execFileSync("mkfifo", [file("a-fifo")]);
    const references: Record<string, string> = {
      zero: "@/dev/zero",
      fifo: "@a-fifo",
      directory: "@a-directory",
      big: "@big.p12",
      missing: "@missing.pem",
    };
    for (const [name, reference] of Object.entries(references)) {
      writeFileSync(file(`${name}.json`), JSON.stringify(connectionWith(reference)));
    }
  });

  const references: Array<[string, string, RegExp]> = [
    [
      "zero",
      "FILE_NOT_READABLE",
      /certificate names the file \/dev\/zero, which cannot be read: it is a character device, not a regular file/,
    ],
    ["fifo", "FILE_NOT_READABLE", /a-fifo, which cannot be read: it is a FIFO \(named pipe\), not a regular file/],
    ["directory", "FILE_NOT_READABLE", /a-directory, which cannot be read: it is a directory, not a regular file/],
    ["big", "FILE_TOO_LARGE", /big\.p12, which cannot be read: it is 2097152 bytes; at most 1048576 bytes are read/],
    ["missing", "FILE_NOT_READABLE", /missing\.pem, which cannot be read: it does not exist/],
  ];
  for (const [name, code, says] of references) {
    it(`refuses "@file" naming ${name === "zero" ? "/dev/zero" : `a ${name} file`} with ${code} (exit 2)`, async () => {
      const run = await runCli(["test-connection", "--connection", file(`${name}.json`)]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`${code}: `));
      assert.match(run.stderr, says);
    });
  }

  const commandFiles: Array<[string, () => string[], RegExp]> = [
    ["--connection /dev/zero", () => ["browse", "--connection", "/dev/zero"], /connection file \/dev\/zero: it is a character device/],
    // A pipe may carry a connection (`<(vault ...)`); one nobody writes to is empty at once, never a hang.
    [
      "--connection naming a FIFO nobody writes to",
      () => ["browse", "--connection", file("a-fifo")],
      /connection file .*a-fifo: it is not valid JSON/,
    ],
    [
      "--config naming a directory",
      () => ["send", "--connection", file("missing.json"), "--config", "/etc"],
      /config file \/etc: it is a directory/,
    ],
    ["a process file that is a directory", () => ["run", file("a-directory")], /process file .*a-directory: it is a directory/],
    [
      "--input /etc (was exit 1, EISDIR)",
      () => ["send", "--connection", path.join(file("missing.json")), "--input", "/etc"],
      /Cannot read the input file \/etc: it is a directory; give an NDJSON file/,
    ],
  ];
  it("reads --connection from a pipe (a secret store's output), so secrets need not touch the disk", async () => {
    const connection = {
      authType: "accessKeys",
      accessKeyId: "AKIAPIPEDEXAMPLE0000",
      secretAccessKey: "piped-secret",
      endpoint: "embedded",
    };
    execFileSync("mkfifo", [file("connection-pipe")]);
    // The writer's open waits (on a libuv thread) until the CLI opens the pipe to read, as a shell's `<(...)` does.
    createWriteStream(file("connection-pipe")).end(JSON.stringify(connection));
    const run = await runCli(["browse", "--connection", file("connection-pipe")]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { queues: [] });
  });

  for (const [what, args, says] of commandFiles) {
    it(`refuses ${what} as a usage error (exit 2)`, async () => {
      const run = await runCli(args());
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, says);
      assert.doesNotMatch(run.stderr, /^\s+at /m);
    });
  }
});
