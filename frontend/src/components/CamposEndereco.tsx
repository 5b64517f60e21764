import { Campo, Selecao } from "@/components/Campo";
import { UFS } from "@/lib/brasil";
import { mascararCep } from "@/lib/mascaras";

/** An address as the forms edit it (the API's `endereco`). */
export type Endereco = { cep: string; logradouro: string; cidade: string; uf: string };

export const MENSAGEM_ENDERECO_INCOMPLETO = "Preencha CEP, endereço, cidade e UF, ou deixe todos em branco";

/** Start editing from the API's address, or from blanks. */
export function enderecoDe(e?: Partial<Endereco> | null): Endereco {
  return {
    cep: mascararCep(e?.cep ?? ""),
    logradouro: e?.logradouro ?? "",
    cidade: e?.cidade ?? "",
    uf: e?.uf ?? "",
  };
}

/** What to send: the whole address, null when every field is blank, "incompleto" otherwise. */
export function enderecoParaEnvio(e: Endereco): Endereco | null | "incompleto" {
  const limpo = { cep: e.cep.trim(), logradouro: e.logradouro.trim(), cidade: e.cidade.trim(), uf: e.uf };
  const valores = Object.values(limpo);
  if (valores.every((v) => v)) return limpo;
  return valores.some((v) => v.trim()) ? "incompleto" : null;
}

interface Props {
  endereco: Endereco;
  mudar: (campo: keyof Endereco, valor: string) => void;
  erros: Record<string, string | undefined>;
  /** The person's own address: the browser may fill it in (not for a clinic's). */
  pessoal?: boolean;
}

/** CEP, street, city and UF: the same fields wherever an address is edited. */
export function CamposEndereco({ endereco, mudar, erros, pessoal }: Props) {
  return (
    <>
      <Campo
        rotulo="CEP"
        name="cep"
        inputMode="numeric"
        placeholder="00000-000"
        autoComplete={pessoal ? "postal-code" : "off"}
        value={endereco.cep}
        onChange={(e) => mudar("cep", mascararCep(e.target.value))}
        erro={erros.cep}
      />
      <Campo
        rotulo="Logradouro e número"
        name="logradouro"
        autoComplete={pessoal ? "street-address" : "off"}
        value={endereco.logradouro}
        onChange={(e) => mudar("logradouro", e.target.value)}
        erro={erros.logradouro}
      />
      <div className="linha linha--crm">
        <Campo
          rotulo="Cidade"
          name="cidade"
          autoComplete={pessoal ? "address-level2" : "off"}
          value={endereco.cidade}
          onChange={(e) => mudar("cidade", e.target.value)}
          erro={erros.cidade}
        />
        <Selecao
          rotulo="UF"
          name="uf"
          autoComplete={pessoal ? "address-level1" : "off"}
          value={endereco.uf}
          onChange={(e) => mudar("uf", e.target.value)}
          erro={erros.uf}
        >
          <option value="">Escolha</option>
          {UFS.map((sigla) => (
            <option key={sigla} value={sigla}>
              {sigla}
            </option>
          ))}
        </Selecao>
      </div>
    </>
  );
}
