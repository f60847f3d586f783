import { openSession, queueNamedBy, readConnectionFile } from "../session.js";
import { CONNECTION_OPTION, EXIT, HELP_OPTION, optional, QUEUE_OPTIONS, queueOverrides, VERBOSE_OPTION, type Command } from "./command.js";

export const testConnectionCommand: Command = {
  name: "test-connection",
  summary: "check credentials and reach SQS; prints a report",
  usage: "--connection FILE [--queue-name NAME | --queue-url URL]",
  options: { ...HELP_OPTION, ...CONNECTION_OPTION, ...QUEUE_OPTIONS, ...VERBOSE_OPTION },
  notes: "Prints the JSON report: which step passed, warned (and what a missing permission limits) or failed.",
  exitCodes: "0 the connection works (possibly with warnings), 1 a step failed, 2 usage or a bad connection file",
  async run({ values, logger }) {
    const target = queueOverrides(values);
    const session = await openSession(await readConnectionFile(optional(values["connection"])), { logger, queues: queueNamedBy(target) });
    try {
      const report = await session.connection.test(target);
      process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      return report.ok ? EXIT.ok : EXIT.operationFailed;
    } finally {
      await session.close();
    }
  },
};
