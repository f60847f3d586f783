import assert from "node:assert/strict";
import type { OperationResult } from "../../core/types.js";
import { collect, useEmbeddedSqs } from "../support/embeddedSqs.js";

interface DocumentCase {
  what: string;
  document: unknown;
  code: string;
  /** What the error message must name (the offending field, or the limit). */
  names: RegExp;
}

/** A body `levels` objects deep: {"a": {"a": ... {}}}. */
function nested(levels: number): unknown {
  let body: unknown = {};
  for (let i = 1; i < levels; i++) body = { a: body };
  return body;
}
const attr = (value: Record<string, unknown>) => ({ body: "ok", messageAttributes: { unit: value } });
const named = (name: string) => ({ body: "ok", messageAttributes: { [name]: { DataType: "String", StringValue: "v" } } });

/** Documents for a standard queue whose MaximumMessageSize is 2048 bytes. */
const STANDARD_CASES: DocumentCase[] = [
  { what: "a NUL character in the body", document: { body: "a\u0000b" }, code: "MESSAGE_BODY_INVALID_CHARACTERS", names: /^body / },
  {
    what: "a backspace character in the body",
    document: { body: "tab\tis fine, \u0008 is not" },
    code: "MESSAGE_BODY_INVALID_CHARACTERS",
    names: /^body /,
  },
  { what: "U+FFFE in the body", document: { body: "\uFFFE" }, code: "MESSAGE_BODY_INVALID_CHARACTERS", names: /^body / },
  { what: "an unpaired surrogate in the body", document: { body: "x\uD800y" }, code: "MESSAGE_BODY_INVALID_CHARACTERS", names: /^body / },
  { what: "an empty body", document: { body: "" }, code: "MESSAGE_BODY_EMPTY", names: /^body must not be empty/ },
  { what: "a null body", document: { body: null }, code: "DOCUMENT_INVALID", names: /^body is not valid/ },
  { what: "no body", document: { messageGroupId: "g" }, code: "DOCUMENT_INVALID", names: /^body is required/ },
  { what: "a document that is not an object", document: "just text", code: "DOCUMENT_INVALID", names: /must be of type object/ },
  { what: "an unknown field", document: { body: "ok", priority: 1 }, code: "DOCUMENT_INVALID", names: /^priority is not a known field/ },
  {
    what: "a body over the queue's size limit",
    document: { body: "x".repeat(2049) },
    code: "MESSAGE_TOO_LARGE",
    names: /2049 bytes.*at most 2048/,
  },
  {
    what: "attributes that push the message over the limit",
    document: { body: "x".repeat(2000), messageAttributes: { note: { DataType: "String", StringValue: "y".repeat(60) } } },
    code: "MESSAGE_TOO_LARGE",
    names: /attributes 70\)/,
  },
  {
    what: "11 attributes",
    document: {
      body: "ok",
      messageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }])),
    },
    code: "MESSAGE_ATTRIBUTES_TOO_MANY",
    names: /^messageAttributes must have at most 10/,
  },
  {
    what: "an attribute named AWS.trace",
    document: named("AWS.trace"),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.AWS\.trace/,
  },
  {
    what: "an attribute named amazon.x (any case)",
    document: named("amazon.x"),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.amazon\.x/,
  },
  {
    what: "an attribute name with a leading dot",
    document: named(".hidden"),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.\.hidden/,
  },
  {
    what: "an attribute name with a trailing dot",
    document: named("unit."),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.unit\./,
  },
  {
    what: "an attribute name with two dots in a row",
    document: named("a..b"),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.a\.\.b/,
  },
  {
    what: "an attribute name with a space",
    document: named("my unit"),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.my unit/,
  },
  {
    what: "an attribute name over 256 characters",
    document: named("n".repeat(257)),
    code: "MESSAGE_ATTRIBUTE_NAME_INVALID",
    names: /messageAttributes\.nnnn/,
  },
  {
    what: "an attribute DataType that does not exist",
    document: attr({ DataType: "Integer", StringValue: "1" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit\.DataType/,
  },
  {
    what: "a Number attribute that is not a number",
    document: attr({ DataType: "Number", StringValue: "12,5" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit\.StringValue/,
  },
  {
    what: "a Number attribute above SQS's range (1e400)",
    document: attr({ DataType: "Number", StringValue: "1e400" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit\.StringValue .*38 significant digits between 10\^-128 and 10\^\+126/,
  },
  {
    what: "a Number attribute with 39 significant digits",
    document: attr({ DataType: "Number.precise", StringValue: "1.23456789012345678901234567890123456789" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit\.StringValue .*38 significant digits/,
  },
  {
    what: "an attribute in another shape (lower-case keys)",
    document: attr({ dataType: "String", stringValue: "x" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names:
      /messageAttributes\.unit\.(dataType is not a known field|DataType is required): use SQS's shape, keys capitalised: \{"DataType": "String", "StringValue": "x"\}/,
  },
  {
    what: "a Binary attribute given a StringValue",
    document: attr({ DataType: "Binary", StringValue: "abc" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit/,
  },
  {
    what: "a Binary attribute that is not base64",
    document: attr({ DataType: "Binary", BinaryValue: "not base64!" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit\.BinaryValue/,
  },
  {
    what: "a String attribute without a value",
    document: attr({ DataType: "String" }),
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit/,
  },
  {
    what: "an attribute value that is not an object",
    document: { body: "ok", messageAttributes: { unit: "kg" } },
    code: "MESSAGE_ATTRIBUTE_INVALID",
    names: /messageAttributes\.unit/,
  },
  { what: "a delay over 900 s", document: { body: "ok", delaySeconds: 901 }, code: "DELAY_INVALID", names: /^delaySeconds must be <= 900/ },
  { what: "a negative delay", document: { body: "ok", delaySeconds: -1 }, code: "DELAY_INVALID", names: /^delaySeconds must be >= 0/ },
  {
    what: "a fractional delay",
    document: { body: "ok", delaySeconds: 1.5 },
    code: "DELAY_INVALID",
    names: /^delaySeconds must be of type integer/,
  },
  {
    what: "a body nested 5,000 levels (JSON.stringify would overflow its stack)",
    document: { body: nested(5000) },
    code: "BODY_TOO_DEEP",
    names: /^body is nested more than 512 levels deep/,
  },
  { what: "a body one level over the limit", document: { body: nested(513) }, code: "BODY_TOO_DEEP", names: /^body is nested/ },
  {
    what: "a body that cannot be serialised (its toJSON throws)",
    document: {
      body: {
        toJSON() {
          throw new Error("not serialisable");
        },
      },
    },
    code: "DOCUMENT_INVALID",
    names: /could not be prepared \(not serialisable\)/,
  },
  {
    what: "a deduplication id on a standard queue",
    document: { body: "ok", messageDeduplicationId: "k1" },
    code: "DEDUPLICATION_ID_NOT_ALLOWED",
    names: /messageDeduplicationId only applies to FIFO/,
  },
];

/** Documents for a FIFO queue without content-based deduplication, sent with deduplication "document". */
const FIFO_CASES: DocumentCase[] = [
  { what: "no message group id", document: { body: { key: "k-a" } }, code: "MESSAGE_GROUP_ID_REQUIRED", names: /needs a message group id/ },
  {
    what: "a per-message delay",
    document: { body: { key: "k-b" }, messageGroupId: "g", delaySeconds: 5 },
    code: "DELAY_NOT_ALLOWED_ON_FIFO",
    names: /^delaySeconds cannot be set per message/,
  },
  {
    what: "a group id over 128 characters",
    document: { body: { key: "k-c" }, messageGroupId: "g".repeat(129) },
    code: "MESSAGE_GROUP_ID_INVALID",
    names: /^messageGroupId is not in the accepted form/,
  },
  {
    what: "a group id with a space",
    document: { body: { key: "k-d" }, messageGroupId: "line 1" },
    code: "MESSAGE_GROUP_ID_INVALID",
    names: /^messageGroupId /,
  },
  {
    what: "a deduplication id over 128 characters",
    document: { body: { key: "k-e" }, messageGroupId: "g", messageDeduplicationId: "d".repeat(129) },
    code: "DEDUPLICATION_ID_INVALID",
    names: /^messageDeduplicationId /,
  },
  {
    what: "no deduplication id anywhere",
    document: { body: { other: 1 }, messageGroupId: "g" },
    code: "DEDUPLICATION_ID_REQUIRED",
    names: /every document needs an id: set messageDeduplicationId or a value at \/key/,
  },
  {
    what: "a body key too long to be a deduplication id",
    document: { body: { key: "k".repeat(200) }, messageGroupId: "g" },
    code: "DEDUPLICATION_ID_INVALID",
    names: /messageDeduplicationIdPointer/,
  },
];

/** A run where every bad document sits between good ones. */
function interleave(cases: DocumentCase[], good: (i: number) => unknown): unknown[] {
  return cases.flatMap((c, i) => [good(i), c.document]).concat([good(cases.length)]);
}

describe("bad input: documents (each next to good documents in the same run)", function () {
  this.timeout(30_000);
  const env = useEmbeddedSqs();
  const runs: Record<"standard" | "fifo", OperationResult[]> = { standard: [], fifo: [] };
  let depths: Record<"standard" | "fifo", number>;

  before(async () => {
    const standard = await env.queue("bad-docs", { MaximumMessageSize: "2048" });
    const fifo = await env.queue("bad-docs.fifo");
    const connection = env.connect();
    runs.standard = await collect(
      connection.operation("send", { queueUrl: standard.url }).execute(interleave(STANDARD_CASES, (i) => ({ body: { good: i } }))),
    );
    runs.fifo = await collect(
      connection
        .operation("send", { queueUrl: fifo.url, deduplication: "document", messageDeduplicationIdPointer: "/key" })
        .execute(interleave(FIFO_CASES, (i) => ({ body: { key: `good-${i}` }, messageGroupId: "g" }))),
    );
    depths = { standard: await env.depth(standard.url), fifo: await env.depth(fifo.url) };
  });

  for (const [queue, cases] of [
    ["standard", STANDARD_CASES],
    ["fifo", FIFO_CASES],
  ] as const) {
    cases.forEach((c, i) => {
      it(`${queue} queue: ${c.code} for ${c.what}`, () => {
        const result = runs[queue][2 * i + 1]!;
        assert.equal(result.index, 2 * i + 1);
        assert.ok(result.status === "error", `expected an error, got ${JSON.stringify(result)}`);
        assert.equal(result.error.code, c.code, result.error.message);
        assert.match(result.error.message, c.names);
        assert.equal(result.error.retryable, false);
      });
    });

    it(`${queue} queue: every good document in the same run was sent`, () => {
      const good = runs[queue].filter((_, index) => index % 2 === 0);
      assert.equal(good.length, cases.length + 1);
      assert.ok(good.every((r) => r.status === "success"));
      assert.equal(runs[queue].length, 2 * cases.length + 1, "one result per document");
      assert.equal(depths[queue], cases.length + 1, "exactly the good documents are on the queue");
    });
  }
});
