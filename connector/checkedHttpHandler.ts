import { NodeHttpHandler } from "@smithy/node-http-handler";
import { validateHeaderName, validateHeaderValue } from "node:http";
import { ConnectorError } from "../core/errors.js";

type HandleArguments = Parameters<NodeHttpHandler["handle"]>;

/**
 * NodeHttpHandler refusing requests that Node would refuse. The handler starts
 * a socket-warning timer (request plus connection timeout: 60 s by default)
 * before calling http.request, and never clears it when http.request throws
 * for a header value with a NUL, a control character or an unpaired surrogate
 * (a pasted session token): that timer kept the CLI alive for a minute after
 * its report. Checking the headers first means the handler never starts it.
 */
export class CheckedHttpHandler extends NodeHttpHandler {
  override handle(...[request, options]: HandleArguments): ReturnType<NodeHttpHandler["handle"]> {
    for (const [name, value] of Object.entries(request.headers)) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch {
        const token = name.toLowerCase() === "x-amz-security-token";
        return Promise.reject(
          new ConnectorError(
            "CONFIG_INVALID",
            `The request header ${name} holds a character HTTP cannot carry (a NUL, control character or unpaired surrogate)${token ? ": check the session token for stray characters" : ""}.`,
            { field: token ? "sessionToken" : name },
          ),
        );
      }
    }
    return super.handle(request, options);
  }
}
