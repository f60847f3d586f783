// Lint: typescript-eslint's type-aware recommended rules over every TypeScript
// file (unused locals and parameters are compiler errors, see tsconfig.json);
// formatting is Prettier's (npm run format:check).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "core/generated/", "bench/results/"] },
  {
    files: ["**/*.ts", "**/*.cts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The compiler reports these (noUnusedLocals, noUnusedParameters), with `_` for deliberate ones.
      "@typescript-eslint/no-unused-vars": "off",
      // An async function that awaits nothing still promises its interface (a provider, an iterator).
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["node-red/editor/browser/**/*.js"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "script", globals: { ...globals.browser, RED: "readonly", $: "readonly" } },
    // The parts share one scope (node-red/editor/editorHtml.ts); tsconfig.browser.json checks their names.
    rules: { "no-undef": "off", "no-unused-vars": "off" },
  },
  {
    files: ["scripts/**/*.mjs", "eslint.config.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
