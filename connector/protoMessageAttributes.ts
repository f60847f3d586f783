import type { Message, MessageAttributeValue, SQSClient } from "@aws-sdk/client-sqs";
import type { HandlerExecutionContext } from "@smithy/types";

const NAME = "__proto__";
const QUOTED_NAME = Buffer.from(JSON.stringify(NAME));
// Where the raw middleware leaves what it found for the outer one, on the request's own context.
const FOUND = Symbol("sqs-connector.protoMessageAttributes");

type RawAttribute = { DataType?: string; StringValue?: string; BinaryValue?: string };
type Context = HandlerExecutionContext & { [FOUND]?: Map<number, RawAttribute> };

/**
 * SQS accepts "__proto__" as a message attribute name, and send sends it. The
 * SDK's JSON deserializer (@smithy/core 3.41) overwrites such a map entry with
 * undefined before reading it, so a received message came back with the name
 * and no value, and receive (and listen) failed as a whole on it. For
 * ReceiveMessage answers that hold the name at all, this reads those entries
 * from the answer's JSON (inside the deserializer) and puts them back into the
 * output (outside it), in the SDK's shape.
 */
export function keepProtoMessageAttributes(client: SQSClient): void {
  client.middlewareStack.add(
    (next, context: Context) => async (args) => {
      const out = await next(args);
      if (context.commandName !== "ReceiveMessageCommand") return out;
      const response = out.response as { body?: unknown };
      const body = response.body;
      if (body === undefined || body instanceof Uint8Array || !isAsyncIterable(body)) return out;
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
      const bytes = Buffer.concat(chunks);
      // The SDK reads a body that is bytes as it would have read the stream.
      response.body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (bytes.includes(QUOTED_NAME)) context[FOUND] = protoAttributes(bytes);
      return out;
    },
    { step: "deserialize", priority: "low", name: "sqsConnectorProtoAttributesRaw" },
  );
  client.middlewareStack.add(
    (next, context: Context) => async (args) => {
      const out = await next(args);
      const found = context[FOUND];
      const messages = (out.output as { Messages?: Message[] }).Messages;
      if (found === undefined || messages === undefined) return out;
      for (const [index, raw] of found) {
        const attributes = messages[index]?.MessageAttributes;
        if (attributes !== undefined) Object.defineProperty(attributes, NAME, { value: sdkShape(raw), enumerable: true, writable: true });
      }
      return out;
    },
    { step: "deserialize", priority: "high", name: "sqsConnectorProtoAttributesRestore" },
  );
}

/** The "__proto__" message attribute of each message of a ReceiveMessage answer, by the message's position. */
function protoAttributes(bytes: Buffer): Map<number, RawAttribute> {
  const found = new Map<number, RawAttribute>();
  let answer: { Messages?: Array<{ MessageAttributes?: Record<string, unknown> }> };
  try {
    answer = JSON.parse(bytes.toString("utf8")) as typeof answer;
  } catch {
    return found;
  }
  for (const [index, message] of (answer.Messages ?? []).entries()) {
    const attributes = message.MessageAttributes;
    // JSON.parse makes "__proto__" an own property, like any other key.
    if (attributes !== undefined && Object.hasOwn(attributes, NAME)) found.set(index, attributes[NAME] as RawAttribute);
  }
  return found;
}

function sdkShape(raw: RawAttribute): MessageAttributeValue {
  return {
    DataType: raw.DataType ?? "String",
    ...(raw.StringValue === undefined ? {} : { StringValue: raw.StringValue }),
    ...(raw.BinaryValue === undefined ? {} : { BinaryValue: new Uint8Array(Buffer.from(raw.BinaryValue, "base64")) }),
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}
