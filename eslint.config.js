import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Layers, bottom to top (docs/decisions/012): utils, then content, then the capabilities in
 * this order (each may import those before it, never those after), then routes. Components
 * are shared UI any capability may use.
 */
const capabilities = ["accounts", "ladder", "quizzes", "courses", "scenarios", "reviews", "team", "home"];
const folder = (name) => `./app/${name}`;
const layerZones = [
  {
    target: folder("utils"),
    from: ["content", "components", "routes", ...capabilities].map(folder),
    message: "app/utils is the bottom layer: it imports nothing of the app above it.",
  },
  {
    target: folder("content"),
    from: ["components", "routes", ...capabilities].map(folder),
    message: "app/content sits below every capability: capabilities import content, never the reverse.",
  },
  ...capabilities.map((name, i) => ({
    target: folder(name),
    from: ["routes", ...capabilities.slice(i + 1)].map(folder),
    message: `app/${name} may import the capabilities below it (${capabilities.slice(0, i).join(", ") || "none"}), content and utils; never routes or a capability above it.`,
  })),
];

export default tseslint.config(
  { ignores: ["build/**", "app/generated/**", "node_modules/**", "tests/.tmp/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.test.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones: layerZones }],
    },
  },
  {
    files: ["tests/**", "**/*.test.{ts,tsx}"],
    rules: { "jsx-a11y/no-autofocus": "off" },
  },
  {
    files: ["app/routes/login.tsx"],
    // The sign-in form is the page's only purpose; focusing its first field helps everyone.
    rules: { "jsx-a11y/no-autofocus": "off" },
  },
);
