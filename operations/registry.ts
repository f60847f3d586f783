import type { OperationResult } from "../core/types.js";
import type { OperationDefinition } from "./context.js";

type Definition = OperationDefinition<never>;

/**
 * Every sink and source operation by id; a test checks this matches
 * manifest.json exactly. Each module loads when its operation first runs, so a
 * command pays at start-up only for the operation it uses (putRecords brings
 * the Kinesis parts, delete and changeVisibility the receipt sink).
 */
const MODULES: Array<[string, () => Promise<Definition>]> = [
  ["send", async () => (await import("./send/sendOperation.js")).sendOperation],
  ["receive", async () => (await import("./receive/receiveOperation.js")).receiveOperation],
  ["delete", async () => (await import("./delete/deleteOperation.js")).deleteOperation],
  ["putRecords", async () => (await import("./putRecords/putRecordsOperation.js")).putRecordsOperation],
  ["changeVisibility", async () => (await import("./changeVisibility/changeVisibilityOperation.js")).changeVisibilityOperation],
];

export const OPERATIONS: ReadonlyMap<string, Definition> = new Map(MODULES.map(([id, load]) => [id, loadedOnRun(id, load)]));

/**
 * An operation created at once (its config is already validated) whose module
 * loads when its results are first asked for. Once loaded, every call goes
 * straight to the operation's own iterator: no layer per result.
 */
function loadedOnRun(id: string, load: () => Promise<Definition>): Definition {
  return {
    id,
    create: (context, config) => ({
      id,
      execute: (documents) => ({
        [Symbol.asyncIterator](): AsyncIterator<OperationResult> {
          let inner: AsyncIterator<OperationResult> | undefined;
          let closed = false;
          const started = async (): Promise<AsyncIterator<OperationResult>> => {
            inner ??= (await load()).create(context, config).execute(documents)[Symbol.asyncIterator]();
            return inner;
          };
          const finished: IteratorResult<OperationResult> = { done: true, value: undefined };
          return {
            // A run closed while its module was loading is closed as soon as it exists.
            next: () => inner?.next() ?? started().then((it) => (closed ? (it.return?.() ?? finished) : it.next())),
            return: async () => {
              closed = true;
              return (await inner?.return?.()) ?? finished;
            },
          };
        },
      }),
    }),
  };
}
