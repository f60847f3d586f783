import { changeVisibilityOperation } from "./changeVisibility/changeVisibilityOperation.js";
import type { OperationDefinition } from "./context.js";
import { deleteOperation } from "./delete/deleteOperation.js";
import { putRecordsOperation } from "./putRecords/putRecordsOperation.js";
import { receiveOperation } from "./receive/receiveOperation.js";
import { sendOperation } from "./send/sendOperation.js";

/** Every sink and source operation module by id; a test checks this matches manifest.json exactly. */
export const OPERATIONS: ReadonlyMap<string, OperationDefinition<never>> = new Map<string, OperationDefinition<never>>(
  [sendOperation, receiveOperation, deleteOperation, putRecordsOperation, changeVisibilityOperation].map((definition) => [
    definition.id,
    definition as OperationDefinition<never>,
  ]),
);
