import { Aedes } from "aedes";
import mqtt, { type MqttClient } from "mqtt";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface MqttBroker {
  /** mqtt://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Resolves at the next subscription to exactly this topic filter (ask before deploying the flow that subscribes). */
  nextSubscription(topicFilter: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real MQTT broker (aedes, in this process) on a random loopback port: what
 * Mosquitto or AWS IoT Core is to the example flows.
 */
export async function startMqttBroker(): Promise<MqttBroker> {
  const broker = await Aedes.createBroker();
  const waiting: Array<{ filter: string; resolve: () => void }> = [];
  broker.on("subscribe", (subscriptions) => {
    const filters = new Set(subscriptions.map((subscription) => subscription.topic));
    for (const wait of waiting.filter((w) => filters.has(w.filter))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    nextSubscription: (filter) => new Promise((resolve) => waiting.push({ filter, resolve })),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TopicListener {
  /** Payloads received on a topic so far, as text. */
  messages(topic: string): string[];
  /** Resolves with the first `count` payloads of a topic once they have arrived. */
  next(topic: string, count: number): Promise<string[]>;
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** An MQTT client of the test: publishes readings and listens on the topics the flows publish to. */
export async function mqttClient(broker: MqttBroker, topics: string[]): Promise<TopicListener> {
  const client: MqttClient = await mqtt.connectAsync(broker.url, { clientId: `test-${process.pid}-${Date.now()}` });
  const received = new Map<string, string[]>();
  const waiting: Array<{ topic: string; count: number; resolve: (messages: string[]) => void }> = [];
  client.on("message", (topic, payload) => {
    const list = [...(received.get(topic) ?? []), payload.toString("utf8")];
    received.set(topic, list);
    for (const wait of waiting.filter((w) => w.topic === topic && list.length >= w.count)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(list.slice(0, wait.count));
    }
  });
  if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
  return {
    messages: (topic) => received.get(topic) ?? [],
    next: (topic, count) => {
      const list = received.get(topic) ?? [];
      return list.length >= count
        ? Promise.resolve(list.slice(0, count))
        : new Promise((resolve) => waiting.push({ topic, count, resolve }));
    },
    publish: async (topic, payload) => {
      await client.publishAsync(topic, payload, { qos: 1 });
    },
    close: () => client.endAsync(),
  };
}
