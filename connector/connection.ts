import type { SQSClient } from "@aws-sdk/client-sqs";
import type { AwsCredentialIdentity } from "@smithy/types";
import { credentialSourceFor, type CredentialSource } from "../auth/credentialSources.js";
import { InFlightRegistry } from "../operations/inFlightRegistry.js";
import type { ValidatedListenConfig } from "../operations/listen/listenSetup.js";
import { checkHandler, type Listener, type ListenHandler, type ListenOptions } from "../operations/listen/listenTypes.js";
import type { KinesisAccess, OperationContext, S3Access } from "../operations/context.js";
import { StreamDirectory } from "../operations/putRecords/streamDirectory.js";
import { QueueDirectory } from "../operations/queueDirectory.js";
import { OPERATIONS } from "../operations/registry.js";
import { checkedEndpoint, effectiveRegion } from "../core/endpoints.js";
import { ConnectorError } from "../core/errors.js";
import type { QueueListingOptions } from "../core/generated/browse.options.js";
import type { BrowseResult, QueueList, StreamList } from "../core/generated/browse.output.js";
import type { TestConnectionReport } from "../core/generated/test-report.js";
import { resolveHost, type Host, type ResolvedHost } from "../core/host.js";
import { redactedError, redactingLogger, secretValues } from "../core/redactedOutput.js";
import { Redactor } from "../core/redaction.js";
import { schemaRegistry } from "../core/schemaRegistry.js";
import { watchCongestion } from "./congestionSignal.js";
import { otherService } from "./otherService.js";
import { createSqsClient } from "./sqsClient.js";
import type { ConnectionTestTarget } from "./testConnection.js";
import type { AuthType, Documents, Operation, OperationResult, ValidatedConnectionConfig } from "../core/types.js";
import { validateConfig } from "../core/validation.js";

/**
 * Validates a connection config and returns the connection that owns the SQS
 * client (and the Kinesis and S3 clients, each created on first use). Throws a
 * ConnectorError (CONFIG_INVALID, ENDPOINT_INSECURE, certificate codes...) for
 * a config that can never work; secrets never appear in it.
 */
export function connect(config: unknown, host?: Host): Connection {
  const redactor = new Redactor();
  for (const secret of secretValues(config)) redactor.add(secret);
  try {
    return new Connection(config, resolveHost(host), redactor);
  } catch (error) {
    throw redactedError(error, redactor);
  }
}

export class Connection {
  private readonly client: SQSClient;
  private readonly credentials: CredentialSource;
  private readonly context: OperationContext;
  private readonly identity: Record<string, string>;
  /** Created on first Kinesis use: SQS-only connections never load @aws-sdk/client-kinesis. */
  private kinesisAccess: Promise<KinesisAccess> | undefined;
  private readonly openKinesis: () => Promise<KinesisAccess>;
  /** Created on first large payload: other work never loads @aws-sdk/client-s3. */
  private s3Access: Promise<S3Access> | undefined;
  private readonly openS3: () => Promise<S3Access>;
  /** Aborted by close(): ends what the connection's parts are waiting for. */
  private readonly lifetime = new AbortController();
  private closed = false;

  /** Use `connect()`. */
  constructor(
    rawConfig: unknown,
    host: ResolvedHost,
    private readonly redactor: Redactor,
  ) {
    const config = validateConfig<ValidatedConnectionConfig>("schemas/connection.json", rawConfig, "Connection");
    const endpoint = config.endpoint === undefined ? undefined : checkedEndpoint(config.endpoint, "endpoint");
    const region = effectiveRegion(config.region, config.customRegion, config.region);
    const logger = redactingLogger(host.logger, redactor);
    this.credentials = credentialSourceFor(config, { clock: host.clock, logger, redactor, signal: this.lifetime.signal });
    this.client = createSqsClient(config, { region, endpoint, logger }, this.credentials);
    const congestion = watchCongestion(this.client);
    const kinesisSettings = otherService(config, "kinesisEndpoint", "Kinesis", { region, endpoint, logger });
    this.openKinesis = async () => {
      kinesisSettings.explain();
      const { createKinesisAccess } = await import("./kinesisClient.js");
      const access = createKinesisAccess(config, kinesisSettings.client, this.credentials);
      watchCongestion(access.client, congestion);
      return access;
    };
    const s3Settings = otherService(config, "s3Endpoint", "S3", { region, endpoint, logger });
    this.openS3 = async () => {
      s3Settings.explain();
      const { createS3Access } = await import("./s3Client.js");
      return createS3Access(config, s3Settings.client, this.credentials);
    };
    const registry = schemaRegistry();
    const kinesis = () => this.kinesis();
    this.context = {
      client: this.client,
      queues: new QueueDirectory(this.client, registry.manifest.sqsLimits, logger, { region, endpoint }),
      kinesis,
      streams: new StreamDirectory(kinesis, registry.manifest.kinesisLimits, logger),
      s3: () => this.s3(),
      host: { ...host, logger },
      region,
      limits: registry.manifest.sqsLimits,
      kinesisLimits: registry.manifest.kinesisLimits,
      s3Limits: registry.manifest.s3Limits,
      registry,
      requestTimeoutMs: config.requestTimeoutSeconds * 1000,
      inFlight: new InFlightRegistry(),
      congestion,
    };
    this.identity = {
      authType: config.authType,
      region,
      ...(endpoint === undefined ? {} : { endpoint: endpoint.origin }),
      ...(kinesisSettings.client.endpoint === undefined ? {} : { kinesisEndpoint: kinesisSettings.client.endpoint.origin }),
      ...(s3Settings.client.endpoint === undefined ? {} : { s3Endpoint: s3Settings.client.endpoint.origin }),
    };
  }

  /** Certificate, credentials and a real SQS call (Kinesis when a stream is named, S3 when a bucket is); a report, never a throw, never a secret. */
  async test(target: ConnectionTestTarget = {}): Promise<TestConnectionReport> {
    this.assertOpen();
    const parts = {
      client: this.client,
      credentials: this.credentials,
      identity: this.identity,
      queues: this.context.queues,
      kinesis: () => this.kinesis(),
      kinesisLimits: this.context.kinesisLimits,
      s3: () => this.s3(),
    };
    // Loaded here: a command that only sends or receives never needs the test's modules.
    const { runConnectionTest } = await import("./testConnection.js").catch((error: unknown) => {
      throw redactedError(error, this.redactor);
    });
    return this.redactor.value(await runConnectionTest(parts, target));
  }

  /** One page of queues with FIFO and content-based deduplication flags, or (resource "streams") of Kinesis streams. */
  async browse(options?: QueueListingOptions & { resource?: "queues" }): Promise<QueueList>;
  async browse(options: QueueListingOptions & { resource: "streams" }): Promise<StreamList>;
  async browse(options?: QueueListingOptions): Promise<BrowseResult>;
  async browse(options: QueueListingOptions = {}): Promise<BrowseResult> {
    this.assertOpen();
    const validated = validateConfig<QueueListingOptions & { maxResults: number }>(
      "schemas/browse.options.json",
      options,
      "Browse options",
    );
    try {
      // Loaded here: a command that does not browse never needs these modules.
      if (validated.resource === "streams") {
        const { listStreams } = await import("../operations/putRecords/streamListing.js");
        return await listStreams(await this.kinesis(), validated);
      }
      const { listQueues } = await import("../operations/browse.js");
      return await listQueues(this.context, validated);
    } catch (error) {
      throw redactedError(error, this.redactor);
    }
  }

  /** How the connection authenticates (the connection schema's authType). */
  get authType(): AuthType {
    return this.credentials.authType;
  }

  /**
   * The credentials the connection signs with right now: Roles Anywhere's
   * temporary ones (from the shared session cache, with their expiration), the
   * access keys, or what the default chain found. For handing credentials to
   * another AWS tool (the CLI's `credentials` command); treat them as secrets.
   */
  async resolveCredentials(): Promise<AwsCredentialIdentity> {
    this.assertOpen();
    try {
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = await this.credentials.provider();
      return {
        accessKeyId,
        secretAccessKey,
        ...(sessionToken === undefined ? {} : { sessionToken }),
        ...(expiration === undefined ? {} : { expiration }),
      };
    } catch (error) {
      throw redactedError(error, this.redactor);
    }
  }

  /** Validates an operation's config against its schema and returns the runnable operation. */
  operation(id: string, config: unknown = {}): Operation {
    this.assertOpen();
    const descriptor = this.context.registry.manifest.operations.find((op) => op.id === id);
    if (descriptor?.kind === "listener") {
      throw new ConnectorError("CONFIG_INVALID", `"${id}" is a listener, not a batch operation: use connection.listen(config, handler).`, {
        field: "operation",
      });
    }
    const definition = OPERATIONS.get(id);
    if (descriptor === undefined || definition === undefined) {
      const known = this.context.registry.manifest.operations.map((op) => op.id).join(", ");
      throw new ConnectorError("OPERATION_UNKNOWN", `There is no operation "${id}"; choose one of ${known}.`, { field: "operation" });
    }
    const validated = validateConfig<never>(descriptor.config, config, `${descriptor.title} configuration`);
    // Refused here, when the host configures the operation, not at its first request.
    const { queueUrl } = validated as { queueUrl?: unknown };
    if (typeof queueUrl === "string") this.context.queues.check(queueUrl);
    return this.guarded(definition.create(this.context, validated));
  }

  /**
   * Starts a long-running consumer (the manifest's listener operation): each
   * message goes to `handler`, is kept hidden while it runs, deleted when it
   * resolves and retried after a backoff when it rejects. Settlement results and
   * the summary's error are redacted like every operation's. Stop the listener
   * (and await its summary) before closing the connection: it releases what it
   * holds with the connection's client.
   */
  listen(config: unknown, handler: ListenHandler, options: ListenOptions = {}): Listener {
    this.assertOpen();
    const descriptor = this.context.registry.manifest.operations.find((op) => op.kind === "listener");
    if (descriptor === undefined) throw new ConnectorError("OPERATION_UNKNOWN", "This connector's manifest has no listener operation.");
    const validated = validateConfig<ValidatedListenConfig>(descriptor.config, config, `${descriptor.title} configuration`);
    // Refused here, when the host configures the listener, as operation() does.
    if (validated.queueUrl !== undefined) this.context.queues.check(validated.queueUrl);
    if (validated.deadLetterQueueUrl !== undefined) this.context.queues.check(validated.deadLetterQueueUrl, "deadLetterQueueUrl");
    const { redactor } = this;
    const onSettled = options.onSettled;
    checkHandler(handler);
    // The listener's modules load when a listener starts: a command that never listens does not load them.
    let listener: Listener | undefined;
    const started = import("../operations/listen/listener.js").then(({ startListener }) => {
      listener = startListener(this.context, validated, handler, {
        ...options,
        ...(onSettled === undefined
          ? {}
          : { onSettled: (result) => onSettled(result.status === "error" ? { ...result, error: redactor.value(result.error) } : result) }),
      });
      return listener;
    });
    // Stops at once when the listener runs (a stop must not wait behind what the stopping code does next), else once it starts.
    const stop = (stopOptions?: { drainSeconds?: number }): void => {
      if (listener !== undefined) void listener.stop(stopOptions);
      // A listener whose modules could not load has nothing to stop: its failure reaches the host through `summary`.
      else
        void started.then(
          (running) => running.stop(stopOptions),
          () => undefined,
        );
    };
    // Closing the connection ends the listener at once (its client is gone); stop it first to release what it holds.
    const onClose = (): void => stop({ drainSeconds: 0 });
    this.lifetime.signal.addEventListener("abort", onClose, { once: true });
    const summary = started
      .then((running) => running.summary)
      .catch((error: unknown) => {
        throw redactedError(error, redactor);
      })
      .finally(() => this.lifetime.signal.removeEventListener("abort", onClose));
    summary.catch(() => {});
    return {
      summary,
      get inFlight() {
        return listener?.inFlight ?? 0;
      },
      stop: (stopOptions) => {
        stop(stopOptions);
        return summary;
      },
    };
  }

  /** Releases the clients' sockets. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    this.client.destroy();
    for (const access of [this.kinesisAccess, this.s3Access]) {
      void access?.then(
        (opened) => opened.client.destroy(),
        () => undefined,
      );
    }
  }

  /** The Kinesis client, created (and its SDK loaded) on first use. */
  private kinesis(): Promise<KinesisAccess> {
    this.assertOpen();
    this.kinesisAccess ??= this.openKinesis();
    return this.kinesisAccess;
  }

  /** The S3 client for large payloads, created (and its SDK loaded) on first use. */
  private s3(): Promise<S3Access> {
    this.assertOpen();
    this.s3Access ??= this.openS3();
    return this.s3Access;
  }

  private assertOpen(): void {
    if (this.closed) throw new ConnectorError("CONFIG_INVALID", "This connection is closed; connect again.");
  }

  /** Every result and error an operation produces passes redaction and progress reporting here. */
  private guarded(operation: Operation): Operation {
    const { redactor, context } = this;
    return {
      id: operation.id,
      async *execute(documents?: Documents): AsyncGenerator<OperationResult> {
        let done = 0;
        let failed = 0;
        try {
          for await (const result of operation.execute(documents)) {
            done += 1;
            if (result.status === "error") {
              failed += 1;
              yield { ...result, error: redactor.value(result.error) };
            } else {
              yield result;
            }
            context.host.onProgress({ done, failed });
          }
        } catch (error) {
          throw redactedError(error, redactor);
        }
      },
    };
  }
}
