import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The layers, lowest first, as DEVELOPERS.md draws them: hosts -> connector -> operations/auth -> core. */
export const LAYERS = ["core", "auth", "operations", "connector", "host", "node-red"] as const;
export type Layer = (typeof LAYERS)[number];

export interface Import {
  /** The importing file, relative to the package root (`host/cli.ts`). */
  from: string;
  /** As written in the source. */
  specifier: string;
  /** The package file it names (`connector/index.ts`), or undefined for another package. */
  target: string | undefined;
}

/** Every TypeScript file of a layer folder (generated types included), relative to `root`. */
export function layerSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const layer of LAYERS) {
    for (const entry of readdirSync(path.join(root, layer), { recursive: true, encoding: "utf8" })) {
      if (!/\.c?ts$/.test(entry) || entry.endsWith(".d.ts")) continue;
      const file = `${layer}/${entry.split(path.sep).join("/")}`;
      files.set(file, readFileSync(path.join(root, file), "utf8"));
    }
  }
  return files;
}

/**
 * Every module a file imports: static imports (type-only too), re-exports,
 * `import()` and `require()`, read from the syntax tree, so no form of import
 * escapes. `exports` maps the package's own subpaths (package.json) to files.
 */
export function importsOf(file: string, source: string, exports: Record<string, string>): Import[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) {
      if (ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) specifiers.push(expression.text);
    } else if (ts.isCallExpression(node) && isImportOrRequire(node.expression)) {
      const [argument] = node.arguments;
      specifiers.push(argument !== undefined && ts.isStringLiteralLike(argument) ? argument.text : "<computed>");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return specifiers.map((specifier) => ({ from: file, specifier, target: targetOf(file, specifier, exports) }));
}

function isImportOrRequire(expression: ts.Expression): boolean {
  return expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(expression) && expression.text === "require");
}

/** The package file a specifier names: relative paths (`.js` written for `.ts`) and the package's own name. */
function targetOf(file: string, specifier: string, exports: Record<string, string>): string | undefined {
  const self = exports[specifier];
  if (self !== undefined) return self;
  if (specifier === "<computed>") return "<computed>";
  if (!specifier.startsWith(".")) return undefined;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return resolved.replace(/\.js$/, ".ts").replace(/\.cjs$/, ".cts");
}

/** package.json "exports" as specifier -> source file (`sqs-connector/roles-anywhere` -> `connector/rolesAnywhere.ts`). */
export function selfExports(packageJson: { name: string; exports: Record<string, { default: string }> }): Record<string, string> {
  return Object.fromEntries(
    Object.entries(packageJson.exports).map(([subpath, target]) => [
      subpath === "." ? packageJson.name : `${packageJson.name}/${subpath.slice(2)}`,
      target.default.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"),
    ]),
  );
}

function layerOf(file: string): Layer | undefined {
  return LAYERS.find((layer) => file.startsWith(`${layer}/`));
}

/** What a layer may import of the package, and why not when it may not. */
const RULES: Record<Layer, (target: string, targetLayer: Layer | undefined) => string | undefined> = {
  core: (_target, to) => (to === "core" ? undefined : `core/ is the kernel and imports nothing above it (${to ?? "outside the layers"})`),
  auth: (_target, to) =>
    to === "core" || to === "auth" || to === "operations" ? undefined : `auth/ may not import ${to ?? "outside the layers"}`,
  operations: (_target, to) =>
    to === "core" || to === "auth" || to === "operations" ? undefined : `operations/ may not import ${to ?? "outside the layers"}`,
  connector: (_target, to) => (to === "host" || to === "node-red" ? `connector/ may not import the host ${to}/` : undefined),
  host: (target, to) => hostRule("host", target, to),
  "node-red": (target, to) => hostRule("node-red", target, to),
};

function hostRule(host: Layer, target: string, to: Layer | undefined): string | undefined {
  return to === host || target === "connector/index.ts"
    ? undefined
    : `${host}/ may import only connector/index.ts of the package, not ${target}`;
}

/** Imports that break the layering, each with the rule it breaks. */
export function layeringViolations(imports: readonly Import[]): Array<Import & { rule: string }> {
  return imports.flatMap((entry) => {
    const from = layerOf(entry.from);
    if (from === undefined || entry.target === undefined) return [];
    const rule =
      entry.target === "<computed>" ? "an import() of a computed path cannot be checked" : RULES[from](entry.target, layerOf(entry.target));
    return rule === undefined ? [] : [{ ...entry, rule }];
  });
}
