import assert from "node:assert/strict";
import { readAllSchemaFiles, schemaProblems } from "../../core/schemaCheck.js";
import { packageRoot } from "../../core/manifest.js";

const schemas = readAllSchemaFiles(packageRoot());

/** The problems of the repository's schemas with one value of one file set (on a copy); `at` is the path to it. */
function problemsAfter(file: string, at: string, value: unknown): string[] {
  const copy = new Map(schemas);
  const schema = structuredClone(schemas.get(file)!);
  const keys = at.split("/");
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, schema);
  parent[keys.at(-1)!] = value;
  copy.set(file, schema);
  return schemaProblems(copy);
}

describe("schema keywords (x-*)", () => {
  it("every schema in schemas/ compiles with them", () => {
    assert.ok(schemas.has("connection.json") && schemas.has("node-red/source.settings.json"));
    assert.deepEqual(schemaProblems(schemas), []);
  });

  const typos: Array<{ what: string; file: string; at: string; value: unknown; names: RegExp }> = [
    {
      what: "an error code core/errorCodes.ts does not define",
      file: "send.input.json",
      at: "properties/body/x-errors/minLength/code",
      value: "MESSAGE_BODY_EMTPY",
      names: /send\.input\.json#\/properties\/body\/x-errors minLength names the code "MESSAGE_BODY_EMTPY"/,
    },
    {
      what: "an error code in a definition no schema references",
      file: "common.json",
      at: "$defs/spare",
      value: { type: "string", "x-errors": { default: { code: "NOT_A_CODE" } } },
      names: /common\.json#\/\$defs\/spare\/x-errors default names the code "NOT_A_CODE"/,
    },
    {
      what: "an x-errors key that is no keyword",
      file: "send.input.json",
      at: "properties/body/x-errors/minLenght",
      value: { code: "MESSAGE_BODY_EMPTY" },
      names: /maps "minLenght", which is not a JSON Schema keyword/,
    },
    {
      what: "an x-errors rule without a code",
      file: "send.input.json",
      at: "properties/delaySeconds/x-errors/default",
      value: { hint: "a hint alone" },
      names: /x-errors" value is invalid .*must have required property 'code'/,
    },
    {
      what: "a group not declared in x-groups",
      file: "connection.json",
      at: "properties/region/x-group",
      value: "regoin",
      names: /connection\.json#\/properties\/region\/x-group group "regoin" is not declared/,
    },
    {
      what: "a group declared twice",
      file: "connection.json",
      at: "x-groups/4",
      value: { id: "auth", title: "Again" },
      names: /x-groups group "auth" is declared twice/,
    },
    {
      what: "a visibility rule on a field the schema lacks",
      file: "connection.json",
      at: "properties/accessKeyId/x-visibleWhen",
      value: { authTyp: ["accessKeys"] },
      names: /accessKeyId\/x-visibleWhen names the field "authTyp"/,
    },
    {
      what: "a visibility rule on a value the field does not accept",
      file: "connection.json",
      at: "properties/accessKeyId/x-visibleWhen",
      value: { authType: ["accesKeys"] },
      names: /lists "accesKeys" for "authType", which accepts only "accessKeys", "rolesAnywhere", "defaultChain"/,
    },
    {
      what: "a visibility rule on a field without an enum",
      file: "connection.json",
      at: "properties/sessionToken/x-visibleWhen",
      value: { accessKeyId: ["AKIA"] },
      names: /names the field "accessKeyId", which has no enum or const/,
    },
    {
      what: "an enum label for a value the enum lacks",
      file: "receive.config.json",
      at: "properties/bodyEncoding/x-enumLabels/xml",
      value: "XML",
      names: /bodyEncoding\/x-enumLabels labels "xml", which the enum does not list/,
    },
    {
      what: "enum labels on a field without an enum",
      file: "send.config.json",
      at: "properties/messageGroupId/x-enumLabels",
      value: { a: "A" },
      names: /messageGroupId\/x-enumLabels labels values, but the schema \(or its items\) has no enum/,
    },
    {
      what: "an unknown widget",
      file: "connection.json",
      at: "properties/certificate/x-widget",
      value: "textbox",
      names: /"x-widget" value is invalid at path "#\/properties\/certificate"/,
    },
    {
      what: "an unknown browse target",
      file: "common.json",
      at: "$defs/queueName/x-browse",
      value: "nam",
      names: /"x-browse" value is invalid/,
    },
    {
      what: "an order that is not a number",
      file: "node-red/source.settings.json",
      at: "properties/pollIntervalSeconds/x-order",
      value: "100",
      names: /"x-order" value is invalid at path "#\/properties\/pollIntervalSeconds": data must be number/,
    },
    {
      what: "an x- keyword nobody defined",
      file: "send.config.json",
      at: "properties/lingerMs/x-hidden",
      value: true,
      names: /unknown keyword: "x-hidden"/,
    },
  ];
  for (const { what, file, at, value, names } of typos) {
    it(`fail compilation for ${what}`, () => {
      const problems = problemsAfter(file, at, value);
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, names);
    });
  }
});
