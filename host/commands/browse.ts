import { openSession, readConnectionFile } from "../session.js";
import { CONNECTION_OPTION, EXIT, HELP_OPTION, integer, optional, str, VERBOSE_OPTION, type Command } from "./command.js";

export const browseCommand: Command = {
  name: "browse",
  summary: "list queues with FIFO and content-based deduplication flags (or Kinesis streams)",
  usage: "--connection FILE [--streams] [--prefix P] [--max-results N] [--all]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    streams: { type: "boolean", description: "list Kinesis data streams instead of queues" },
    prefix: { type: "string", value: "P", description: "only queues (streams) whose name starts with P" },
    "max-results": { type: "string", value: "N", description: "queues per page (1-1000, default 100)" },
    all: { type: "boolean", description: "follow every page (default: the first page and its nextToken)" },
    ...VERBOSE_OPTION,
  },
  notes:
    "Prints one JSON line per page: {queues: [{name, url, fifo, contentBasedDeduplication}], nextToken?}; with --streams {streams: [{name, arn?, status?, mode?}], nextToken?}.",
  exitCodes: "0 listed, 1 the listing failed, 2 usage or a bad connection file",
  async run({ values, logger }) {
    const session = await openSession(await readConnectionFile(optional(values["connection"])), { logger });
    try {
      let nextToken: string | undefined;
      do {
        const page = await session.connection.browse({
          resource: values["streams"] === true ? "streams" : "queues",
          ...(values["prefix"] === undefined ? {} : { prefix: str(values["prefix"]) }),
          ...(values["max-results"] === undefined ? {} : { maxResults: integer(values["max-results"], "--max-results") }),
          ...(nextToken === undefined ? {} : { nextToken }),
        });
        process.stdout.write(JSON.stringify(page) + "\n");
        nextToken = values["all"] === true ? page.nextToken : undefined;
      } while (nextToken !== undefined);
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};
