import { ConnectorError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/errorCodes.js";
import type { HttpReply } from "./httpTransport.js";
import type { SessionSettings } from "./settings.js";

interface Diagnosis {
  code: ErrorCode;
  field?: string;
  /** What the builder should do, after the service's own words. */
  advice: string;
}

/**
 * Turns a CreateSession error answer into a stable code and a message a builder
 * can act on. The type comes from X-Amzn-ErrorType, else the body's __type or
 * code; the service's reason text is quoted (it is not secret).
 */
export function serviceError(reply: HttpReply, settings: SessionSettings): ConnectorError {
  const body = parsedBody(reply.body);
  const type = errorType(reply, body);
  const reason = reasonText(reply.body, body);
  const diagnosis = diagnose(reply.status, type, reason, settings);
  const said = `HTTP ${reply.status}${type === "" ? "" : ` ${type}`}${reason === "" ? "" : `: "${reason}"`}`;
  const requestId = headerValue(reply, "x-amzn-requestid");
  return new ConnectorError(diagnosis.code, `IAM Roles Anywhere CreateSession failed (${said}). ${diagnosis.advice}`, {
    field: diagnosis.field,
    step: "credentials",
    details: { httpStatus: reply.status, ...(type === "" ? {} : { errorType: type }), ...(requestId === undefined ? {} : { requestId }) },
  });
}

function diagnose(status: number, type: string, reason: string, settings: SessionSettings): Diagnosis {
  if (status === 429 || /Throttling|TooManyRequests/i.test(type)) {
    return { code: "THROTTLED", advice: "Too many sessions were requested at once; it was retried. Try again shortly." };
  }
  if (status >= 500) return { code: "SERVICE_UNAVAILABLE", advice: "The service had a problem; it was retried. Try again later." };
  if (/AccessDenied/i.test(type) || (type === "" && status === 403)) return accessDenied(reason, settings);
  if (/ResourceNotFound/i.test(type) || (type === "" && status === 404)) {
    return {
      code: "ROLES_ANYWHERE_NOT_FOUND",
      field: notFoundField(reason),
      advice: `Check profileArn, roleArn and trustAnchorArn, and that the profile and trust anchor exist in ${settings.region}.`,
    };
  }
  if (/Validation/i.test(type) || (type === "" && status === 400)) {
    return { code: "ROLES_ANYWHERE_INVALID_REQUEST", field: invalidField(reason), advice: "Correct the setting the service names." };
  }
  return { code: "ROLES_ANYWHERE_FAILED", advice: "See the service's reason above." };
}

function accessDenied(reason: string, settings: SessionSettings): Diagnosis {
  if (/signature/i.test(reason)) {
    return {
      code: "ROLES_ANYWHERE_SIGNATURE_REJECTED",
      advice:
        "The key matches the certificate, so check this host's clock (it must be within 5 minutes of AWS time) and that no proxy rewrites the request.",
    };
  }
  if (/untrusted|trust anchor/i.test(reason)) {
    return {
      code: "ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE",
      field: "certificateChain",
      advice: `Check that the CA of trust anchor ${settings.trustAnchorArn} issued the certificate, and put any intermediate CA certificates in certificateChain.`,
    };
  }
  if (/roleSessionName|session name/i.test(reason)) {
    return {
      code: "ROLES_ANYWHERE_SESSION_NAME_NOT_ALLOWED",
      field: "sessionName",
      advice: `Clear sessionName, or allow custom role session names on profile ${settings.profileArn}.`,
    };
  }
  return {
    code: "ROLES_ANYWHERE_ACCESS_DENIED",
    field: "roleArn",
    advice:
      "Check that the profile lists roleArn, that the role trusts rolesanywhere.amazonaws.com (and its conditions accept this certificate), and that the profile and trust anchor are enabled.",
  };
}

function notFoundField(reason: string): string | undefined {
  if (/trust ?anchor/i.test(reason)) return "trustAnchorArn";
  if (/profile/i.test(reason)) return "profileArn";
  if (/role/i.test(reason)) return "roleArn";
  return undefined;
}

function invalidField(reason: string): string | undefined {
  if (/duration/i.test(reason)) return "durationSeconds";
  if (/session ?name/i.test(reason)) return "sessionName";
  return undefined;
}

function errorType(reply: HttpReply, body: Record<string, unknown> | undefined): string {
  // The header may carry a suffix ("AccessDeniedException:http://..."), __type a namespace ("ns#Type").
  const raw = headerValue(reply, "x-amzn-errortype") ?? stringField(body, "__type") ?? stringField(body, "code") ?? "";
  return (raw.split(":")[0] ?? "").split("#").pop() ?? "";
}

function reasonText(text: string, body: Record<string, unknown> | undefined): string {
  const reason = body === undefined ? text : (stringField(body, "message") ?? stringField(body, "Message") ?? "");
  const oneLine = reason.replace(/\s+/g, " ").trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}...` : oneLine;
}

function parsedBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(body: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function headerValue(reply: HttpReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
