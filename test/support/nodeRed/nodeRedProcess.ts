import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { packageRoot } from "../../../core/manifest.js";

/*
 * A real Node-RED (the pinned devDependency) in a child process on loopback,
 * with this package installed the way `npm install <folder>` installs it into
 * a user directory: listed in its package.json, linked into its node_modules.
 */

export interface NodeRedUser {
  username: string;
  password: string;
  /** Node-RED permissions: "*" for everything, "read" for a viewer. */
  permissions: string;
}

export interface RunningNodeRed {
  /** http://127.0.0.1:<port>/, the editor and admin API. */
  readonly url: string;
  /** Node-RED's user directory (flows.json, flows_cred.json). */
  readonly userDir: string;
  /** Node-RED's console output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** Ends Node-RED with SIGKILL (no close handlers run), then removes its user directory. */
  kill(): Promise<void>;
}

const require = createRequire(import.meta.url);
// Node-RED starts its flows before its HTTP server listens (red.js): a request sent at "Started flows"
// alone may find the port closed ("fetch failed"). Started is both.
const STARTED = [/Started flows/, /Server now running at/];

export interface NodeRedOptions {
  users?: NodeRedUser[];
  env?: Record<string, string | undefined>;
  /** A user directory the package was already installed into (as the README says); default: one made here. */
  userDir?: string;
  /** A flows.json to start from, as an earlier version of this package may have saved it. */
  flows?: unknown[];
}

export async function startNodeRed(options: NodeRedOptions = {}): Promise<RunningNodeRed> {
  const userDir = options.userDir ?? installedUserDir();
  const port = await freePort();
  writeFileSync(path.join(userDir, "settings.js"), settingsFile(port, options.users));
  if (options.flows !== undefined) writeFileSync(path.join(userDir, "flows.json"), JSON.stringify(options.flows));

  const child = spawn(
    process.execPath,
    [require.resolve("node-red/red.js"), "--userDir", userDir, "--settings", path.join(userDir, "settings.js")],
    {
      cwd: userDir,
      env: withoutUnset({ ...process.env, NODE_RED_ENABLE_PROJECTS: "false", ...options.env }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (STARTED.every((line) => line.test(output))) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => reject(new Error(`Node-RED exited before it started:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    userDir,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      if (options.userDir === undefined) rmSync(userDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/** A temporary user directory with this package installed as `npm install <folder>` installs it. */
function installedUserDir(): string {
  const root = packageRoot();
  const userDir = mkdtempSync(path.join(tmpdir(), "node-red-user-"));
  mkdirSync(path.join(userDir, "node_modules"));
  symlinkSync(root, path.join(userDir, "node_modules", "sqs-connector"), "dir");
  writeFileSync(
    path.join(userDir, "package.json"),
    JSON.stringify({ name: "node-red-user", private: true, dependencies: { "sqs-connector": `file:${root}` } }),
  );
  return userDir;
}

/** Settings for a quiet, local instance: no tours, telemetry prompts, projects or update checks; a fixed credential secret. */
function settingsFile(port: number, users: NodeRedUser[] | undefined): string {
  const bcrypt = require("bcryptjs") as { hashSync(password: string, rounds: number): string };
  const adminAuth =
    users === undefined
      ? undefined
      : {
          type: "credentials",
          users: users.map((user) => ({
            username: user.username,
            password: bcrypt.hashSync(user.password, 8),
            permissions: user.permissions,
          })),
        };
  const settings = {
    uiHost: "127.0.0.1",
    uiPort: port,
    flowFile: "flows.json",
    credentialSecret: "node-red-test-credential-secret",
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    editorTheme: { tours: false, projects: { enabled: false } },
    logging: { console: { level: "info" } },
    ...(adminAuth === undefined ? {} : { adminAuth }),
  };
  return `module.exports = ${JSON.stringify(settings, null, 2)};\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** An access token for the admin API (Node-RED's password grant, as node-red-admin uses it). */
export async function adminToken(nodeRed: RunningNodeRed, user: NodeRedUser): Promise<string> {
  const response = await fetch(new URL("auth/token", nodeRed.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: "node-red-admin",
      grant_type: "password",
      scope: user.permissions,
      username: user.username,
      password: user.password,
    }),
  });
  if (!response.ok) throw new Error(`token for ${user.username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The environment with the variables set to undefined removed (as a user's shell would not have them). */
function withoutUnset(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
