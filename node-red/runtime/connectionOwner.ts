import type { Connection } from "../../connector/index.js";

/**
 * What a Node-RED config node does with its connection: opens it on first use,
 * counts the flow nodes that borrow it, and closes it once the config node is
 * closing and the last of them has let go (a send node finishing its batches
 * still needs it while Node-RED stops the flow).
 */
export class ConnectionOwner {
  private connection: Connection | undefined;
  private readonly users = new Set<object>();
  private closing: (() => void) | undefined;
  private closed = false;

  constructor(private readonly open: () => Connection) {}

  register(user: object): void {
    this.users.add(user);
  }

  /** The shared connection; throws the ConnectorError of a config that can never work. */
  get(): Connection {
    if (this.closed) throw new Error("This connection node has been closed (the flow was redeployed or stopped).");
    this.connection ??= this.open();
    return this.connection;
  }

  deregister(user: object): void {
    this.users.delete(user);
    if (this.users.size === 0) this.closing?.();
  }

  /** Resolves once no flow node uses the connection any more and it has been closed. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.closing = () => {
        this.closed = true;
        this.connection?.close();
        this.connection = undefined;
        resolve();
      };
      if (this.users.size === 0) this.closing();
    });
  }
}
