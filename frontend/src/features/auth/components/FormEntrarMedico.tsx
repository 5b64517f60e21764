import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo, Selecao } from "@/components/Campo";
import { CampoSenha } from "@/components/CampoSenha";
import { UFS } from "@/lib/brasil";
import { soDigitos } from "@/lib/cpf";
import type { Sessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
import { entrar } from "../api/entrar";

/** Doctor login: CRM number, the UF of the council, password. */
export function FormEntrarMedico({ aoEntrar }: { aoEntrar: (sessao: Sessao) => void }) {
  const [crm, setCrm] = useState("");
  const [uf, setUf] = useState("");
  const [senha, setSenha] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const erros: Record<string, string> = {};
    if (!soDigitos(crm)) erros.crm = "Informe o número do CRM";
    if (!uf) erros.uf = "Escolha a UF do CRM";
    if (!senha) erros.senha = "Informe sua senha";
    if (Object.keys(erros).length) return envio.definirErros(erros);
    await envio.enviar(async () => {
      aoEntrar(await entrar({ crm: soDigitos(crm), uf, senha }));
    });
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Entrar como médico">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <div className="linha linha--crm">
        <Campo
          rotulo="CRM"
          name="crm"
          inputMode="numeric"
          autoComplete="username"
          value={crm}
          onChange={(e) => setCrm(e.target.value)}
          erro={envio.erros.crm}
          required
        />
        <Selecao
          rotulo="UF"
          name="uf"
          value={uf}
          onChange={(e) => setUf(e.target.value)}
          erro={envio.erros.uf}
          required
        >
          <option value="">Escolha</option>
          {UFS.map((sigla) => (
            <option key={sigla} value={sigla}>
              {sigla}
            </option>
          ))}
        </Selecao>
      </div>
      <CampoSenha
        rotulo="Senha"
        name="senha"
        autoComplete="current-password"
        value={senha}
        onChange={(e) => setSenha(e.target.value)}
        erro={envio.erros.senha}
        required
      />
      <Botao type="submit" largo carregando={envio.enviando}>
        Entrar
      </Botao>
    </form>
  );
}
