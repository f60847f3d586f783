import type { Contender } from "./contender.js";
import { connectorPutRecords, connectorPutRecordsUnordered } from "./connectorPutRecords.js";
import { connectorListen } from "./connectorListen.js";
import { connectorReceiveDelete } from "./connectorReceiveDelete.js";
import { connectorSend, connectorSendFromStream } from "./connectorSend.js";
import { consumerHandleMessage } from "./consumerHandleMessage.js";
import { consumerReceiveDelete } from "./consumerReceiveDelete.js";
import { connectorLargeSend, sdkPutObjectSendMessage } from "./largePayloads.js";
import { producerSend } from "./producerSend.js";
import { sdkBatchSend } from "./sdkBatchSend.js";
import { sdkPutRecords } from "./sdkPutRecords.js";
import { sdkReceiveDelete } from "./sdkReceiveDelete.js";
import { sdkSingleSend } from "./sdkSingleSend.js";

/** Every contender a measured child can run, by the name the scenarios use. */
export const CONTENDERS: Readonly<Record<string, Contender>> = {
  "connector send": connectorSend,
  "connector send (stream)": connectorSendFromStream,
  "SDK SendMessageBatch": sdkBatchSend,
  "sqs-producer": producerSend,
  "SDK SendMessage per document": sdkSingleSend,
  "connector receive + delete": connectorReceiveDelete,
  "SDK receive + delete loop": sdkReceiveDelete,
  "sqs-consumer": consumerReceiveDelete,
  "connector putRecords": connectorPutRecords,
  "connector putRecords (ordering none)": connectorPutRecordsUnordered,
  "SDK PutRecords loop": sdkPutRecords,
  "connector listen": connectorListen,
  "sqs-consumer handleMessage": consumerHandleMessage,
  "connector send (largePayload)": connectorLargeSend,
  "SDK PutObject + SendMessage": sdkPutObjectSendMessage,
};
