import type { OperationDefinition } from "./context.js";
import { deleteOperation } from "./delete/index.js";
import { receiveOperation } from "./receive/index.js";
import { sendOperation } from "./send/index.js";

/** Every operation module by id; a test checks this matches manifest.json exactly. */
export const OPERATIONS: ReadonlyMap<string, OperationDefinition<never>> = new Map<string, OperationDefinition<never>>(
  [sendOperation, receiveOperation, deleteOperation].map((definition) => [definition.id, definition as OperationDefinition<never>]),
);
