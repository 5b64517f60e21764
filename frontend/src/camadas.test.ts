import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layers' rule (eslint.config.js, import-x/no-restricted-paths) bites: ESLint itself lints
// snippets placed in the folders the zones guard. Should the config, the plugin or the resolver
// of `@/` stop seeing these imports, this fails instead of the rule going quiet.
const raiz = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: raiz });
const REGRA = "import-x/no-restricted-paths";

/** The messages of the layers' rule for `codigo` as if it were the file `arquivo`. */
async function violacoes(arquivo: string, codigo: string): Promise<string[]> {
  const [resultado] = await eslint.lintText(codigo, { filePath: `${raiz}${arquivo}` });
  const mensagens = resultado?.messages ?? [];
  // A parse error would hide the rule: the snippet must lint cleanly but for the rule.
  expect(mensagens.filter((m) => m.ruleId !== REGRA)).toEqual([]);
  return mensagens.filter((m) => m.ruleId === REGRA).map((m) => m.message);
}

describe("camadas do app (eslint)", { timeout: 30_000 }, () => {
  it("recusa uma feature importando outra, pelo alias e por caminho relativo", async () => {
    const erros = await violacoes(
      "src/features/agenda/routes/exemplo.ts",
      [
        'import { nomeDoMedico } from "@/features/medicos/tratamento";',
        'import { saudacao } from "../../medicos/tratamento";',
        "export const usados = [nomeDoMedico, saudacao];",
      ].join("\n"),
    );
    expect(erros).toHaveLength(2);
    expect(erros[0]).toMatch(/Uma feature não importa outra/);
  });

  it("recusa uma feature importando src/app", async () => {
    const erros = await violacoes(
      "src/features/consultas/exemplo.ts",
      'import { App } from "@/app/App";\nexport const usado = App;',
    );
    expect(erros).toHaveLength(1);
    expect(erros[0]).toMatch(/Features não importam src\/app/);
  });

  it.each(["src/components/Exemplo.tsx", "src/lib/exemplo.ts", "src/api/exemplo.ts"])(
    "recusa %s importando uma feature ou src/app",
    async (arquivo) => {
      const erros = await violacoes(
        arquivo,
        [
          'import { nomeDoMedico } from "@/features/medicos/tratamento";',
          'import { App } from "@/app/App";',
          "export const usados = [nomeDoMedico, App];",
        ].join("\n"),
      );
      expect(erros).toHaveLength(2);
      expect(erros[0]).toMatch(/são compartilhados/);
    },
  );

  it("aceita o que as camadas permitem", async () => {
    const erros = await violacoes(
      "src/features/medicos/components/Exemplo.tsx",
      [
        'import { Alerta } from "@/components/Alerta";',
        'import { formatarMoeda } from "@/lib/format";',
        'import { nomeDoMedico } from "../tratamento";',
        'import { saudacao } from "@/features/medicos/tratamento";',
        "export const usados = [Alerta, formatarMoeda, nomeDoMedico, saudacao];",
      ].join("\n"),
    );
    expect(erros).toEqual([]);
    const doApp = await violacoes(
      "src/app/routes/exemplo.tsx",
      'import { nomeDoMedico } from "@/features/medicos/tratamento";\nexport const usado = nomeDoMedico;',
    );
    expect(doApp).toEqual([]);
  });
});
