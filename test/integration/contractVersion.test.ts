import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NodeAPI } from "node-red";
import { assertKnownContractVersion, ConnectorError, KNOWN_CONTRACT_VERSIONS, packageRoot, readManifest } from "../../connector/index.js";
import { runCli } from "../support/cli.js";

const KNOWN = KNOWN_CONTRACT_VERSIONS.join(", ");

describe("versions", () => {
  it("the manifest's version is the package's, a semantic version", () => {
    const packageJson = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string };
    assert.equal(readManifest().version, packageJson.version);
    assert.match(packageJson.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it("CHANGELOG.md keeps an Unreleased section and names the current contract version", () => {
    const changelog = readFileSync(path.join(packageRoot(), "CHANGELOG.md"), "utf8");
    assert.match(changelog, /^## \[Unreleased\]$/m);
    assert.match(changelog, new RegExp(`Host contract: version ${readManifest().contractVersion}\\b`));
  });
});

describe("host contract version", () => {
  it("the manifest declares a version the connector knows", () => {
    assert.ok(KNOWN_CONTRACT_VERSIONS.includes(readManifest().contractVersion));
    assert.doesNotThrow(() => assertKnownContractVersion(readManifest(), "this test"));
  });

  for (const unknown of [KNOWN_CONTRACT_VERSIONS.at(-1)! + 1, 0, "1", undefined]) {
    it(`refuses contractVersion ${JSON.stringify(unknown)} with CONTRACT_VERSION_UNSUPPORTED, naming host and version`, () => {
      assert.throws(
        () => assertKnownContractVersion({ id: "amazon-sqs", contractVersion: unknown as number }, "the test host"),
        (error: unknown) =>
          error instanceof ConnectorError &&
          error.code === "CONTRACT_VERSION_UNSUPPORTED" &&
          error.kind === "config" &&
          error.message.includes(`declares host contract version ${JSON.stringify(unknown)}, but the test host knows only ${KNOWN}:`),
      );
    });
  }

  describe("in a package whose manifest declares an unknown version", () => {
    const root = packageRoot();
    let copy: string;

    // The built package beside a manifest.json from the future, as a mismatched install would have it.
    before(() => {
      copy = mkdtempSync(path.join(tmpdir(), "sqs-connector-contract-"));
      for (const part of ["core", "connector", "auth", "operations", "host", "node-red"]) {
        cpSync(path.join(root, "dist", part), path.join(copy, "dist", part), { recursive: true });
      }
      cpSync(path.join(root, "schemas"), path.join(copy, "schemas"), { recursive: true });
      cpSync(path.join(root, "package.json"), path.join(copy, "package.json"));
      symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
      const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8")) as Record<string, unknown>;
      writeFileSync(path.join(copy, "manifest.json"), JSON.stringify({ ...manifest, contractVersion: 99 }));
    });
    after(() => rmSync(copy, { recursive: true, force: true }));

    it("the CLI refuses to run a command (exit 2), with a clear error", async () => {
      const run = await runCli(["browse", "--connection", "unused.json"], { cli: path.join(copy, "dist", "host", "cli.js") });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^sqs-connector: CONTRACT_VERSION_UNSUPPORTED: /);
      assert.ok(run.stderr.includes(`version 99, but the sqs-connector CLI knows only ${KNOWN}:`), run.stderr);
    });

    it("the Node-RED package registers no node, failing with a clear error", async () => {
      const { registerNodes } = (await import(pathToFileURL(path.join(copy, "dist", "node-red", "registerNodes.js")).href)) as {
        registerNodes: (RED: NodeAPI) => void;
      };
      const registered: string[] = [];
      const RED = { nodes: { registerType: (type: string) => registered.push(type) } } as unknown as NodeAPI;
      assert.throws(
        () => registerNodes(RED),
        (error: unknown) =>
          (error as { code?: string }).code === "CONTRACT_VERSION_UNSUPPORTED" &&
          (error as Error).message.includes(`version 99, but this Node-RED node package knows only ${KNOWN}:`),
      );
      assert.deepEqual(registered, []);
    });
  });
});
