import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConnectorError } from "../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "./embeddedSqs.js";

export interface EmbeddedStream {
  name: string;
  /** Default 1. */
  shardCount?: number;
}

export interface EmbeddedKinesis {
  /** http://127.0.0.1:<port>, to use as the connection's kinesisEndpoint. */
  readonly endpoint: string;
  readonly region: string;
  /** Creates the stream (if it does not exist) and waits until it is ACTIVE. */
  createStream(stream: EmbeddedStream): Promise<void>;
  stop(): Promise<void>;
}

const ACTIVE_CHECKS = 100;
const ACTIVE_CHECK_MS = 20;

/**
 * An in-process Kinesis emulator (kinesalite, in memory) bound to loopback
 * only, for `"kinesisEndpoint": "embedded"` and integration tests. kinesalite
 * is a development dependency, loaded only here: a production install reports
 * how to get it instead. It names streams by StreamName only and caps records
 * at 1 MiB, as Kinesis did before larger records.
 */
export async function startEmbeddedKinesis(options: { region?: string } = {}): Promise<EmbeddedKinesis> {
  const region = options.region ?? "us-east-1";
  const kinesalite = await loadKinesalite();
  const server: Server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sdk = await import("@aws-sdk/client-kinesis");
  // The SDK's default handler for Kinesis speaks HTTP/2, which kinesalite does not.
  const client = new sdk.KinesisClient({
    region,
    endpoint,
    credentials: { ...EMBEDDED_CREDENTIALS },
    requestHandler: new NodeHttpHandler(),
  });
  return {
    endpoint,
    region,
    async createStream(stream) {
      try {
        await client.send(new sdk.CreateStreamCommand({ StreamName: stream.name, ShardCount: stream.shardCount ?? 1 }));
      } catch (error) {
        if ((error as Error).name !== "ResourceInUseException") throw error;
      }
      for (let check = 0; check < ACTIVE_CHECKS; check++) {
        const out = await client.send(new sdk.DescribeStreamSummaryCommand({ StreamName: stream.name }));
        if (out.StreamDescriptionSummary?.StreamStatus === "ACTIVE") return;
        await new Promise((resolve) => setTimeout(resolve, ACTIVE_CHECK_MS));
      }
      throw new Error(`embedded Kinesis: stream ${stream.name} did not become ACTIVE`);
    },
    async stop() {
      client.destroy();
      // Keep-alive sockets of clients would hold the server open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
    },
  };
}

async function loadKinesalite(): Promise<typeof import("kinesalite")> {
  try {
    return (await import("kinesalite")).default;
  } catch (error) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      '"kinesisEndpoint": "embedded" needs the kinesalite emulator, a development dependency of this package: run `npm ci` in its repository (or `npm install kinesalite`), or set kinesisEndpoint to a Kinesis endpoint.',
      { field: "kinesisEndpoint", cause: error },
    );
  }
}
