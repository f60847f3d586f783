// Loaded by mocha before any test file (.mocharc.json "require").
// The SDK's notice that releases after January 2027 need Node 22 would repeat in every child process.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
