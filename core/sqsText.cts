/**
 * The characters SQS accepts in a message (XML 1.0: tab, LF, CR, U+0020 to
 * U+D7FF, U+E000 to U+FFFD, and U+10000 to U+10FFFF as surrogate pairs). The
 * send schema names this check as `"format": "sqs-text"`: a `pattern` with the
 * `u` flag makes V8 backtrack per character and overflow its stack past a few
 * MiB of non-ASCII text, which large payloads (up to 500 MiB) reach. Searching
 * for one character that is not allowed is linear.
 */
const NOT_ALLOWED =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSqsText(text: string): boolean {
  return !NOT_ALLOWED.test(text);
}
