// ESLint (flat config): TypeScript's recommended rules and the app's architecture as a rule.
//
// The source is layered as in bulletproof-react: `src/app` composes the pages out of
// `src/features/<x>` (one folder per feature), and both use the shared `src/components`,
// `src/lib` and `src/api`. Imports flow one way only (import-x/no-restricted-paths):
//   - a feature never imports another feature (what two features share moves to components or
//     lib, or the two are composed in src/app);
//   - components, lib and api import neither features nor app;
//   - features never import app.
// `src/lint.test.ts` lints snippets that break each zone, so the rule cannot silently stop biting.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const raiz = import.meta.dirname;

/** Every folder under src/features, read when ESLint starts: a new feature is fenced at once. */
const features = readdirSync(join(raiz, "src/features"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** The import-x/no-restricted-paths zones (paths relative to this folder). */
export const zonas = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message:
      "Uma feature não importa outra: mova o que é comum para src/components ou src/lib, ou componha em src/app.",
  })),
  {
    target: ["./src/components", "./src/lib", "./src/api"],
    from: ["./src/features", "./src/app"],
    message: "src/components, src/lib e src/api são compartilhados: não importam features nem app.",
  },
  {
    target: "./src/features",
    from: "./src/app",
    message: "Features não importam src/app (o app compõe as features, não o contrário).",
  },
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/api/schema.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: join(raiz, "tsconfig.json") })],
    },
    rules: {
      // As tsc's noUnusedParameters: a parameter named `_x` is unused on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "import-x/no-restricted-paths": ["error", { basePath: raiz, zones: zonas }],
    },
  },
);
