import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../core/manifest.js";
import { importsOf, layerSources, layeringViolations, selfExports, type Import } from "../support/importGraph.js";

const root = packageRoot();
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Parameters<typeof selfExports>[0];
const exports = selfExports(packageJson);

/** The violations in one made-up file. */
const violationsIn = (file: string, source: string) => layeringViolations(importsOf(file, source, exports));

describe("architecture: imports run one way (hosts -> connector -> operations/auth -> core)", () => {
  const sources = layerSources(root);
  const imports: Import[] = [...sources].flatMap(([file, source]) => importsOf(file, source, exports));

  it("reads every layer's files and their imports", () => {
    for (const file of ["core/errors.ts", "connector/index.ts", "auth/credentialSources.ts", "operations/registry.ts", "host/cli.ts"]) {
      assert.ok(sources.has(file), file);
    }
    assert.ok(sources.has("node-red/amazon-sqs.cts"));
    assert.ok(
      imports.some((i) => i.from === "node-red/amazon-sqs.cts" && i.target === "node-red/registerNodes.ts"),
      "dynamic import()",
    );
    assert.ok(imports.length > 300, `${imports.length} imports`);
  });

  it("has no import against the layering in the repository", () => {
    const violations = layeringViolations(imports).map((v) => `${v.from} imports ${v.specifier}: ${v.rule}`);
    assert.deepEqual(violations, []);
  });

  it("every import of the package resolves to a file that exists", () => {
    const missing = imports.filter((i) => i.target !== undefined && !sources.has(i.target)).map((i) => `${i.from}: ${i.specifier}`);
    assert.deepEqual(missing, []);
  });

  it("the package's entry points are public entries in connector/", () => {
    assert.deepEqual(exports, { "sqs-connector": "connector/index.ts", "sqs-connector/roles-anywhere": "connector/rolesAnywhere.ts" });
  });

  describe("catches each kind of violation", () => {
    const cases: Array<{ what: string; file: string; source: string; rule: RegExp }> = [
      {
        what: "core importing operations",
        file: "core/validation.ts",
        source: 'import { OPERATIONS } from "../operations/registry.js";',
        rule: /core\/ is the kernel/,
      },
      {
        what: "core importing the public entry by package name",
        file: "core/errors.ts",
        source: 'export { connect } from "sqs-connector";',
        rule: /core\/ is the kernel/,
      },
      {
        what: "core importing auth for a type only",
        file: "core/types.ts",
        source: 'import type { CredentialSource } from "../auth/credentialSource.js";',
        rule: /core\/ is the kernel/,
      },
      {
        what: "auth importing connector",
        file: "auth/rolesAnywhere/settings.ts",
        source: 'import { connect } from "../../connector/connection.js";',
        rule: /auth\/ may not import connector/,
      },
      {
        what: "operations importing a host, lazily",
        file: "operations/send/sendOperation.ts",
        source: 'const cli = await import("../../host/cli.js");',
        rule: /operations\/ may not import host/,
      },
      {
        what: "connector importing a host",
        file: "connector/connection.ts",
        source: 'import { openSession } from "../host/session.js";',
        rule: /connector\/ may not import the host host\//,
      },
      {
        what: "the CLI reaching past the public entry",
        file: "host/commands/browse.ts",
        source: 'import { schemaRegistry } from "../../core/schemaRegistry.js";',
        rule: /host\/ may import only connector\/index\.ts of the package, not core\/schemaRegistry\.ts/,
      },
      {
        what: "Node-RED importing another public entry than connector/index.ts",
        file: "node-red/registerNodes.ts",
        source: 'export * from "sqs-connector/roles-anywhere";',
        rule: /node-red\/ may import only connector\/index\.ts of the package, not connector\/rolesAnywhere\.ts/,
      },
      {
        what: "Node-RED importing the CLI host",
        file: "node-red/nodeTypes.ts",
        source: 'import type { Session } from "../host/session.js";',
        rule: /node-red\/ may import only connector\/index\.ts/,
      },
      {
        what: "an import() of a computed path",
        file: "operations/registry.ts",
        source: "const module = await import(`./${name}.js`);",
        rule: /computed path/,
      },
    ];
    for (const { what, file, source, rule } of cases) {
      it(what, () => {
        const violations = violationsIn(file, source);
        assert.equal(violations.length, 1, JSON.stringify(violations));
        assert.match(violations[0]!.rule, rule);
      });
    }

    it("while allowing what the layering allows", () => {
      const allowed: Array<[string, string]> = [
        ["host/cli.ts", 'import { connect } from "../connector/index.js";'],
        ["host/cli.ts", 'import { openSession } from "./session.js";'],
        ["node-red/registerNodes.ts", 'import { connect } from "sqs-connector";'],
        ["connector/connection.ts", 'import { OPERATIONS } from "../operations/registry.js";'],
        ["operations/browse.ts", 'import { ConnectorError } from "../core/errors.js";'],
        ["core/errors.ts", 'import { SQSClient } from "@aws-sdk/client-sqs";'],
      ];
      for (const [file, source] of allowed) assert.deepEqual(violationsIn(file, source), [], `${file}: ${source}`);
    });
  });
});
