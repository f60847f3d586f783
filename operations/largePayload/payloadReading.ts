import type { LargePayloadsS3 as ReadConfig } from "../../core/generated/receive.config.js";
import type { OperationContext } from "../context.js";
import { PayloadReleaser } from "./payloadRelease.js";
import { readSettings, type ReadSettings } from "./payloadSettings.js";
import { PayloadStore } from "./payloadStore.js";
import { PointerResolver } from "./pointerResolver.js";

/** The large-payload parts of a consuming operation (receive, listen, delete), from its largePayload configuration. */
export interface PayloadReading {
  /** undefined without largePayload: pointers pass as they are and no object is touched. */
  settings: ReadSettings | undefined;
  resolver: PointerResolver;
  releaser: PayloadReleaser;
}

export function payloadReading(
  context: OperationContext,
  config: (ReadConfig & Required<Pick<ReadConfig, "retainPayloads" | "maxPayloadBytes">>) | undefined,
): PayloadReading {
  const settings = config === undefined ? undefined : readSettings(config);
  // The store opens the S3 client only when a pointer is met.
  const store = settings === undefined ? undefined : new PayloadStore(() => context.s3(), context.s3Limits);
  return {
    settings,
    resolver: new PointerResolver(settings, store, context.host.logger),
    releaser: new PayloadReleaser(store, settings, context.host.logger),
  };
}
