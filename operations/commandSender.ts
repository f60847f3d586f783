import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Handler, HttpHandlerOptions } from "@smithy/types";

/** What the SDK's generated SQS commands offer: their input and a way to build their middleware chain. */
export interface ResolvableCommand<I extends { QueueUrl: string | undefined }, O extends object> {
  readonly input: I;
  resolveMiddleware(stack: SQSClient["middlewareStack"], configuration: SQSClient["config"], options: HttpHandlerOptions): Handler<I, O>;
}

/**
 * Sends commands of one class with the same per-call options (a run's abort
 * signal, a long poll's timeout). `client.send` rebuilds the SDK's middleware
 * chain for every call that has options (its own cache serves only calls
 * without); the send bench's profile put that at about 45 µs per request. This
 * builds the chain once and reuses it for the next commands with the same
 * options, as the SDK's own cache (`cacheMiddleware`) does. One chain per queue
 * URL: calls share their chain's context, where the SDK writes per-call facts
 * (the resolved endpoint among them), so calls to different queues never share one.
 */
export class CommandSender<I extends { QueueUrl: string | undefined }, O extends object> {
  private readonly handlers = new Map<string, Handler<I, O>>();
  private abortSignal: AbortSignal | undefined;
  private requestTimeout: number | undefined;

  constructor(private readonly client: SQSClient) {}

  async send(command: ResolvableCommand<I, O>, abortSignal: AbortSignal, requestTimeout?: number): Promise<O> {
    if (abortSignal !== this.abortSignal || requestTimeout !== this.requestTimeout) {
      this.handlers.clear();
      this.abortSignal = abortSignal;
      this.requestTimeout = requestTimeout;
    }
    const queueUrl = command.input.QueueUrl ?? "";
    let handler = this.handlers.get(queueUrl);
    if (handler === undefined) {
      const options: HttpHandlerOptions = requestTimeout === undefined ? { abortSignal } : { abortSignal, requestTimeout };
      handler = command.resolveMiddleware(this.client.middlewareStack, this.client.config, options);
      this.handlers.set(queueUrl, handler);
    }
    const { output } = await handler(command);
    return output;
  }
}
