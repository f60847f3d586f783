import type { Request, Response } from "express";
import type { NodeAPI } from "node-red";
import {
  connect,
  type Connection,
  ConnectorError,
  secretRedaction,
  type TestConnectionReport,
  type ConnectionTestTarget,
} from "../../connector/index.js";
import { adminPath, type ConnectionNodeType } from "../nodeTypes.js";
import { deployedConnectionNode } from "../runtime/connectionNode.js";
import { dialogConnection, dialogSettings } from "./dialogSettings.js";

/**
 * The designer's two calls: test a connection as its dialog has it, and list
 * queues (or streams) for a picker. Both may use stored secrets, so both need write
 * permission on the connection type (Node-RED's admin auth; an instance
 * without adminAuth lets everyone in, as it does for deploying flows).
 */
export function registerAdminRoutes(RED: NodeAPI, connectionType: ConnectionNodeType): void {
  const permission = RED.auth.needsPermission(`${connectionType.type}.write`);
  const withConnection = async (request: Request, use: (connection: Connection) => Promise<unknown>): Promise<unknown> => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const stored = deployedConnectionNode(RED, connectionType, body["id"]);
    const settings = dialogSettings(
      connectionType.form.fields,
      dialogConnection(body),
      stored === undefined ? undefined : { properties: stored.storedProperties, credentials: stored.credentials },
    );
    const connection = connect(settings);
    try {
      return await use(connection);
    } finally {
      connection.close();
    }
  };

  RED.httpAdmin.post(adminPath(connectionType, "test"), permission, (request: Request, response: Response) => {
    const started = performance.now();
    withConnection(request, (connection) => connection.test(testTarget(request.body)))
      .catch((error: unknown) => settingsFailureReport(error, performance.now() - started))
      .then(
        (report) => response.json(report),
        (error: unknown) => unexpected(request, response, "test", error),
      );
  });

  RED.httpAdmin.post(adminPath(connectionType, "browse"), permission, (request: Request, response: Response) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const options = Object.fromEntries(
      ["prefix", "nextToken"].filter((key) => typeof body[key] === "string" && body[key] !== "").map((key) => [key, body[key]]),
    );
    if (body["resource"] === "streams") options["resource"] = "streams";
    withConnection(request, (connection) => connection.browse(options)).then(
      (queues) => response.json(queues),
      (error: unknown) =>
        error instanceof ConnectorError
          ? response.status(error.kind === "config" ? 400 : 502).json({ code: error.code, message: error.message, field: error.field })
          : unexpected(request, response, "browse", error),
    );
  });

  /**
   * Anything but a ConnectorError was never checked for secrets, so the answer
   * says only where to look; the log gets the cause with every secret the
   * request typed or the deployed node stores redacted.
   */
  const unexpected = (request: Request, response: Response, action: string, error: unknown): void => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const stored = deployedConnectionNode(RED, connectionType, body["id"]);
    const redact = secretRedaction({ ...stored?.credentials, ...dialogConnection(body).credentials });
    const cause = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    RED.log.error(`${connectionType.type} ${action}: unexpected failure: ${redact(cause)}`);
    response.status(500).json({ code: "INTERNAL", message: "Unexpected failure; see the Node-RED log." });
  };
}

function testTarget(body: unknown): ConnectionTestTarget {
  const target = ((body as Record<string, unknown> | undefined)?.["target"] ?? {}) as Record<string, unknown>;
  const text = (key: string): Record<string, string> =>
    typeof target[key] === "string" && target[key] !== "" ? { [key]: target[key].trim() } : {};
  return {
    ...text("queueUrl"),
    ...text("queueName"),
    ...text("queueOwnerAccountId"),
    ...text("streamName"),
    ...text("streamArn"),
    ...text("bucket"),
  };
}

/** Settings that can never work never reach test(): the report names the field, like the test's own failures. */
function settingsFailureReport(error: unknown, elapsedMs: number): TestConnectionReport {
  if (!(error instanceof ConnectorError)) throw error;
  const step = error.step ?? "config";
  return {
    ok: false,
    failedStep: step,
    code: error.code,
    message: error.message,
    elapsedMs,
    checks: [{ step, name: "Settings", status: "failed", message: error.message, code: error.code }],
  };
}
