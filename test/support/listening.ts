import { ReceiveMessageCommand, SendMessageBatchCommand, type Message, type MessageAttributeValue } from "@aws-sdk/client-sqs";
import type { OperationResult } from "../../core/types.js";
import type { EmbeddedEnv } from "./embeddedSqs.js";

/** A message to put on a queue for a listener test. */
export interface Seed {
  body: string;
  groupId?: string;
  attributes?: Record<string, MessageAttributeValue>;
}

/** Sends the messages in order (FIFO: a deduplication id per message) with the emulator's own client; returns their ids. */
export async function seed(env: EmbeddedEnv, queueUrl: string, messages: Array<Seed | string>): Promise<string[]> {
  const ids: string[] = [];
  const fifo = queueUrl.endsWith(".fifo");
  for (let start = 0; start < messages.length; start += 10) {
    const chunk = messages.slice(start, start + 10).map((m) => (typeof m === "string" ? { body: m } : m));
    const out = await env.admin.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((m, i) => ({
          Id: String(i),
          MessageBody: m.body,
          ...(m.attributes === undefined ? {} : { MessageAttributes: m.attributes }),
          ...(fifo ? { MessageGroupId: m.groupId ?? "g", MessageDeduplicationId: `${start + i}-${m.body}` } : {}),
        })),
      }),
    );
    if ((out.Failed ?? []).length > 0) throw new Error(`seeding failed: ${JSON.stringify(out.Failed)}`);
    const byId = new Map((out.Successful ?? []).map((s) => [s.Id, s.MessageId!]));
    chunk.forEach((_, i) => ids.push(byId.get(String(i))!));
  }
  return ids;
}

/** One receive of up to 10 messages (hidden for a minute), with all attributes. */
export async function receiveSome(env: EmbeddedEnv, queueUrl: string): Promise<Message[]> {
  const out = await env.admin.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      VisibilityTimeout: 60,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
    }),
  );
  return out.Messages ?? [];
}

/** Every message on a queue, received (and left hidden for a minute) with all attributes: what a dead-letter queue holds. */
export async function drainMessages(env: EmbeddedEnv, queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (let some = await receiveSome(env, queueUrl); some.length > 0; some = await receiveSome(env, queueUrl)) all.push(...some);
  return all;
}

/** Resolves once `condition` holds, checking every 20 ms (the test's own timeout bounds the wait). */
export async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

export const codes = (results: OperationResult[]): string[] => results.map((r) => (r.status === "success" ? "ok" : r.error.code));

/** The facts every settlement carries (success document, or error details). */
export function factsOf(result: OperationResult): Record<string, unknown> {
  return result.status === "success" ? (result.document as Record<string, unknown>) : (result.error.details ?? {});
}
