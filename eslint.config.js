import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "data/", ".cache/", "test-results/", "bench/results/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // Route modules export only what Remix reads; helpers live in *.server.ts or components/.
    files: ["app/routes/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ExportNamedDeclaration > :matches(FunctionDeclaration, VariableDeclaration > VariableDeclarator)[id.name!=/^(loader|action|meta|links|headers|handle|ErrorBoundary|shouldRevalidate|clientLoader|clientAction)$/]",
          message: "Route modules export only Remix exports; move helpers to a *.server.ts file or app/components.",
        },
        {
          selector: "ImportDeclaration[source.value=/^(drizzle-orm|#db\\/schema|~\\/db\\.server)/]",
          message: "Routes do not query the database: go through app/models/*.server.ts.",
        },
      ],
    },
  },
);
