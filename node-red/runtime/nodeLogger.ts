import type { Node } from "node-red";
import type { Logger } from "../../connector/index.js";

/** The connector's (already redacted) log lines in the node's Node-RED log, tagged with its id and name. */
export function nodeLogger(node: Node): Logger {
  const line = (message: string, fields?: Record<string, unknown>): string =>
    fields === undefined || Object.keys(fields).length === 0 ? message : `${message} ${JSON.stringify(fields)}`;
  return {
    debug: (message, fields) => node.debug(line(message, fields)),
    info: (message, fields) => node.log(line(message, fields)),
    warn: (message, fields) => node.warn(line(message, fields)),
    error: (message, fields) => node.error(line(message, fields)),
  };
}
