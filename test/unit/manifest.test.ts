import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ERROR_CODES } from "../../core/errorCodes.js";
import type { ConnectorError } from "../../core/errors.js";
import { packageRoot, readManifest } from "../../core/manifest.js";
import { schemaRegistry } from "../../core/schemaRegistry.js";
import { validateConfig } from "../../core/validation.js";
import { OPERATIONS } from "../../operations/registry.js";

const manifest = readManifest();
const registry = schemaRegistry();
const readme = readFileSync(path.join(packageRoot(), "README.md"), "utf8");

type Schema = { properties?: Record<string, { default?: unknown; $ref?: string }> };

describe("manifest and schemas", () => {
  it("lists exactly the operations that have a module, and listen as the one listener", () => {
    const batch = manifest.operations.filter((op) => op.kind !== "listener");
    assert.deepEqual(batch.map((op) => op.id).sort(), [...OPERATIONS.keys()].sort());
    assert.deepEqual(
      manifest.operations.filter((op) => op.kind === "listener").map((op) => [op.id, op.delivery]),
      [["listen", "schemas/receive.output.json"]],
    );
  });

  it("declares contract version 2 (listener operations)", () => {
    assert.equal(manifest.contractVersion, 2);
  });

  it("points only at schemas that exist and compile", () => {
    const files = [
      manifest.connection.schema,
      manifest.connection.test.report,
      manifest.connection.browse.options,
      manifest.connection.browse.output,
      manifest.result,
      ...manifest.operations.flatMap((op) => [op.config, op.output, ...[op.input, op.delivery].filter((f) => f !== undefined)]),
    ];
    for (const file of files) assert.equal(typeof registry.validator(file), "function", file);
  });

  it("has a validator for each definition of a schema, for the checks of one value (an emulator --queue name)", () => {
    const queueName = registry.validator("schemas/common.json#/$defs/queueName");
    assert.deepEqual(
      ["orders.fifo", "orders fifo"].map((name) => queueName(name)),
      [true, false],
    );
    assert.throws(() => registry.validator("schemas/common.json#/$defs/noSuchDefinition"), /unknown schema/);
  });

  it("applies every declared default when a config is validated (defaults live only in schemas)", () => {
    const configs: Array<[string, Record<string, unknown>]> = [
      [manifest.connection.schema, { authType: "defaultChain" }],
      ...manifest.operations.map((op): [string, Record<string, unknown>] => [
        op.config,
        op.id === "putRecords" ? { streamName: "s" } : { queueName: "q" },
      ]),
    ];
    for (const [file, minimal] of configs) {
      const validated = validateConfig<Record<string, unknown>>(file, minimal, file);
      const properties = (registry.schemas.get(file) as Schema).properties ?? {};
      for (const [name, property] of Object.entries(properties)) {
        if (property.default !== undefined && !(name in minimal)) assert.deepEqual(validated[name], property.default, `${file} ${name}`);
        // A default inside a $ref target is ignored by ajv; it must sit beside the $ref.
        if (property.$ref !== undefined) {
          const [refFile, pointer] = property.$ref.split("#");
          const target = pointer!
            .split("/")
            .slice(1)
            .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, registry.schemaByKey(refFile!)!);
          assert.equal(target["default"], undefined, `${file} ${name}: default inside ${property.$ref}`);
        }
      }
    }
  });

  it("marks every secret writeOnly", () => {
    const properties = (registry.schemas.get(manifest.connection.schema) as { properties: Record<string, { writeOnly?: boolean }> })
      .properties;
    const secrets = Object.entries(properties)
      .filter(([, p]) => p.writeOnly === true)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(secrets, ["certificate", "privateKey", "privateKeyPassphrase", "secretAccessKey", "sessionToken"]);
  });

  it("states the Kinesis partition key limit in the input schema as the manifest does", () => {
    const schema = registry.schemas.get("schemas/putRecords.input.json") as { properties: { partitionKey: { maxLength: number } } };
    assert.equal(schema.properties.partitionKey.maxLength, manifest.kinesisLimits.partitionKeyMaxLength);
    const config = registry.schemas.get("schemas/putRecords.config.json") as { properties: { partitionKey: { maxLength: number } } };
    assert.equal(config.properties.partitionKey.maxLength, manifest.kinesisLimits.partitionKeyMaxLength);
  });
});

describe("README", () => {
  it("documents every error code", () => {
    for (const code of Object.keys(ERROR_CODES)) assert.match(readme, new RegExp(`\\| \`${code}\` \\|`), code);
  });

  it("documents every connection field", () => {
    const properties = (registry.schemas.get(manifest.connection.schema) as Schema).properties ?? {};
    for (const name of Object.keys(properties)) assert.match(readme, new RegExp(`\\| \`${name}\` \\|`), name);
  });

  it("lists every IAM action an operation may need in its row of the least-privilege table (KMS keys included)", () => {
    for (const operation of manifest.operations) {
      const row = readme.split("\n").find((line) => line.startsWith(`| ${operation.id} |`)) ?? "";
      for (const action of operation.iamActions) assert.ok(row.includes(`\`${action}\``), `${operation.id}: ${action}`);
    }
    assert.deepEqual(
      manifest.operations
        .filter((op) => op.id === "send" || op.id === "receive")
        .map((op) => op.iamActions.filter((a) => a.startsWith("kms:"))),
      [["kms:GenerateDataKey", "kms:Decrypt"], ["kms:Decrypt"]],
    );
  });

  it("shows the two commands", () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm ci && npm test/);
  });

  it("bounds auto concurrency and linger as the schemas and the README say (manifest.json auto)", () => {
    type Setting = { anyOf: Array<{ maximum?: number; const?: string }>; description: string };
    const defs = (registry.schemas.get("schemas/common.json") as { $defs: Record<string, Setting> }).$defs;
    const { concurrency, lingerMs } = manifest.auto;
    assert.equal(defs["concurrency"]!.anyOf[0]!.maximum, concurrency.maximum, "a pinned concurrency may go as high as auto");
    assert.match(defs["concurrency"]!.description, new RegExp(`starts at ${concurrency.initial} and adapts up to ${concurrency.maximum}`));
    assert.match(defs["lingerMs"]!.description, new RegExp(`up to ${lingerMs.maximum} ms`));
    assert.match(
      readme,
      new RegExp(`starts with ${concurrency.initial} requests in flight\\s+and adapts, per run, between 1 and ${concurrency.maximum}`),
    );
    // The SQS operations default to auto; putRecords (Kinesis) takes auto too but keeps its pinned defaults.
    for (const op of manifest.operations.filter((o) => ["send", "receive", "delete", "changeVisibility"].includes(o.id))) {
      const properties = (registry.schemas.get(op.config) as Schema).properties ?? {};
      assert.equal(properties["concurrency"]?.default, "auto", `${op.id} concurrency`);
      if (op.kind === "sink") assert.equal(properties["lingerMs"]?.default, "auto", `${op.id} lingerMs`);
    }
  });

  it("refuses a concurrency or linger that is neither a number in range nor auto, naming the field and what it takes", () => {
    // The configs' own anyOf (queueUrl or queueName) has a hint of its own, which must not stand in for these fields'.
    const targets: Record<string, Record<string, unknown>> = { putRecords: { streamName: "s" } };
    for (const op of ["send", "receive", "delete", "changeVisibility", "putRecords"]) {
      for (const [field, takes] of [
        ["concurrency", /a whole number from 1 to 64, or "auto"/],
        ["lingerMs", /a whole number of milliseconds from 0 to 1000, or "auto"/],
      ] as const) {
        if (op === "receive" && field === "lingerMs") continue;
        for (const value of [0, 65, 1001, "fast", -1, 2.5]) {
          if (field === "lingerMs" && (value === 0 || value === 65)) continue;
          const config = { ...(targets[op] ?? { queueName: "q" }), [field]: value };
          assert.throws(
            () => validateConfig(`schemas/${op}.config.json`, config, `${op} configuration`),
            (error: ConnectorError) => {
              assert.equal(error.code, "CONFIG_INVALID");
              assert.equal(error.field, field, `${op} ${field} ${JSON.stringify(value)}`);
              assert.match(error.message, new RegExp(`^${op} configuration: ${field} `));
              assert.match(error.message, takes, `${op} ${field} ${JSON.stringify(value)}: ${error.message}`);
              return true;
            },
          );
        }
      }
    }
  });
});
