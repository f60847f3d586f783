// What a user gets: the packed package (npm pack) installed into an empty
// directory, without dev dependencies and plainly, from the registry. Checks that
// it works without them (CLI help, a send to a local SQS stand-in, the Node-RED
// entry, the public entries), that "embedded" says how to add the emulator, and
// prints the installed size (the README quotes it). Needs the npm registry.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(path.join(tmpdir(), "sqs-connector-package-"));
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

try {
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: root, encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1);
  const tarball = path.join(work, packed);
  const sizes = {};
  for (const mode of ["--omit=dev", "plain"]) {
    const dir = path.join(work, mode === "plain" ? "plain" : "omit-dev");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "package-check", private: true }));
    const args = ["install", "--no-audit", "--no-fund", "--loglevel=error", ...(mode === "plain" ? [] : [mode]), tarball];
    execFileSync("npm", args, { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    sizes[mode] = measure(path.join(dir, "node_modules"));
    if (mode !== "plain") await exercise(dir);
  }
  console.log(`\npacked: ${packed}`);
  for (const [mode, size] of Object.entries(sizes)) {
    console.log(
      `npm install ${mode === "plain" ? "" : `${mode} `}<tarball>: ${size.packages} packages, ${mb(size.bytes)} MB (du: ${mb(size.disk)} MB on disk)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed.`);
  process.exit(1);
}

/** Runs the installed package as a user would, with no dev dependency present. */
async function exercise(dir) {
  const modules = path.join(dir, "node_modules");
  const installed = (name) =>
    [modules, path.join(modules, "sqs-connector", "node_modules")].some((dir) => existsSync(path.join(dir, name)));
  check(!installed("fauxqs"), "fauxqs (the emulator, a dev dependency) is neither installed nor bundled");
  check(!installed("typescript"), "typescript is neither installed nor bundled");
  const cli = path.join(modules, "sqs-connector", "dist", "host", "cli.js");
  const run = (args, input = "") => spawnSync(process.execPath, [cli, ...args], { cwd: dir, input, encoding: "utf8", timeout: 60_000 });

  // The package bundles its production dependencies (the AWS SDK's next releases need Node 22): a
  // user's install must get exactly the versions package-lock.json holds, whatever the registry has.
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const drifted = Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith("node_modules/") && entry.dev !== true && entry.optional !== true)
    .filter(([key, entry]) => {
      const installed = [path.join(modules, "sqs-connector", key), path.join(modules, key)].find((dir) =>
        existsSync(path.join(dir, "package.json")),
      );
      return installed === undefined || JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")).version !== entry.version;
    })
    .map(([key]) => key);
  check(
    drifted.length === 0,
    `production dependencies installed at the versions package-lock.json holds${drifted.length === 0 ? "" : ` (not: ${drifted.slice(0, 5).join(", ")})`}`,
  );

  const help = run(["--help"]);
  check(help.status === 0 && /Usage: sqs-connector/.test(help.stdout), "sqs-connector --help");

  writeFileSync(
    path.join(dir, "embedded.json"),
    JSON.stringify({ authType: "accessKeys", accessKeyId: "AKIAEMBEDDEDEXAMPLE0", secretAccessKey: "x", endpoint: "embedded" }),
  );
  const embedded = run(["send", "--connection", "embedded.json", "--queue-name", "q"], '{"body":"x"}\n');
  check(
    embedded.status === 2 && /EMBEDDED_SQS_UNAVAILABLE: .*npm install fauxqs@1\.9/.test(embedded.stderr),
    `"endpoint": "embedded" exits 2 saying how to add the emulator (${embedded.stderr.trim()})`,
  );

  const emulator = run(["emulator", "--queue", "q"]);
  check(
    emulator.status === 2 && /EMBEDDED_SQS_UNAVAILABLE/.test(emulator.stderr),
    "sqs-connector emulator exits 2 saying how to add the emulator",
  );

  const sqs = await fakeSqs();
  try {
    writeFileSync(
      path.join(dir, "local.json"),
      JSON.stringify({ authType: "accessKeys", accessKeyId: "AKIAEMBEDDEDEXAMPLE0", secretAccessKey: "x", endpoint: sqs.endpoint }),
    );
    // Not spawnSync: the stand-in answers from this process's event loop.
    const sent = await runAsync(
      cli,
      dir,
      ["send", "--connection", "local.json", "--queue-url", `${sqs.endpoint}/123456789012/q`],
      '{"body":"a"}\n{"body":{"b":1}}\n',
    );
    const results = sent.stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    check(
      sent.status === 0 && results.length === 2 && results.every((r) => r.status === "success"),
      `send two documents to a local SQS stand-in${sent.status === 0 ? "" : ` (exit ${sent.status}: ${sent.stderr.trim()})`}`,
    );
  } finally {
    sqs.close();
  }

  const registered = [];
  const RED = {
    nodes: {
      registerType: (type) => registered.push(type),
      createNode() {},
      getNode: () => null,
      getCredentials: () => undefined,
      addCredentials() {},
    },
    httpAdmin: { post() {} },
    auth: { needsPermission: () => (_request, _response, next) => next() },
    events: new EventEmitter(),
    log: { info() {}, warn() {}, error() {}, debug() {} },
  };
  // As Node-RED loads it: the file the package.json "node-red" section names, by path.
  await createRequire(import.meta.url)(path.join(modules, "sqs-connector", "dist", "node-red", "amazon-sqs.cjs"))(RED);
  check(
    registered.includes("amazon-sqs-connection") && registered.includes("amazon-sqs-send"),
    `the Node-RED entry registers its nodes (${registered.join(", ")})`,
  );

  const entry = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", "import { connect } from 'sqs-connector'; console.log(typeof connect);"],
    { cwd: dir, encoding: "utf8" },
  );
  check(entry.stdout.trim() === "function", "import { connect } from 'sqs-connector'");

  // The subpath export: the provider loads and validates its settings against the installed schemas.
  const rolesAnywhere = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      "import { fromRolesAnywhere } from 'sqs-connector/roles-anywhere'; try { fromRolesAnywhere({}); } catch (error) { console.log(typeof fromRolesAnywhere, error.code); }",
    ],
    { cwd: dir, encoding: "utf8" },
  );
  check(
    rolesAnywhere.stdout.trim() === "function CONFIG_INVALID",
    `import { fromRolesAnywhere } from 'sqs-connector/roles-anywhere' (refuses empty settings: ${rolesAnywhere.stdout.trim() || rolesAnywhere.stderr.trim()})`,
  );
}

function runAsync(cli, cwd, args, input) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Answers GetQueueAttributes and SendMessageBatch as SQS does (AWS JSON 1.0), on 127.0.0.1. */
async function fakeSqs() {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const input = JSON.parse(body);
      const action = String(request.headers["x-amz-target"]).replace("AmazonSQS.", "");
      const reply =
        action === "SendMessageBatch"
          ? {
              Successful: input.Entries.map((e) => ({
                Id: e.Id,
                MessageId: `m-${e.Id}`,
                MD5OfMessageBody: createHash("md5").update(e.MessageBody).digest("hex"),
              })),
              Failed: [],
            }
          : { Attributes: { FifoQueue: "false", MaximumMessageSize: "262144" } };
      response
        .writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "package-check" })
        .end(JSON.stringify(reply));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Packages, bytes of their files, and disk usage as du reports it. */
function measure(modules) {
  let bytes = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const stats = lstatSync(file);
      if (stats.isDirectory()) walk(file);
      else bytes += stats.size;
    }
  };
  walk(modules);
  // Every installed package, also those nested in another's node_modules (the bundled ones are).
  const count = (dir) =>
    readdirSync(dir)
      .filter((name) => !name.startsWith("."))
      .flatMap((name) => (name.startsWith("@") ? readdirSync(path.join(dir, name)).map((scoped) => path.join(name, scoped)) : [name]))
      .reduce((sum, name) => {
        const nested = path.join(dir, name, "node_modules");
        return sum + 1 + (existsSync(nested) ? count(nested) : 0);
      }, 0);
  const packages = count(modules);
  const du = spawnSync("du", ["-sk", modules], { encoding: "utf8" });
  return { bytes, packages, disk: du.status === 0 ? Number(du.stdout.split("\t")[0]) * 1024 : Number.NaN };
}

function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}
