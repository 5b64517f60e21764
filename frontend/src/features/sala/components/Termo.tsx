import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import type { Termo as TermoDados } from "../api/sala";

interface Props {
  termo: TermoDados;
  aceitar: (versao: string) => Promise<void>;
}

/** The teleconsultation terms (CFM Resolution 2.314/2022): read, tick, accept. */
export function Termo({ termo, aceitar }: Props) {
  const [marcado, setMarcado] = useState(false);
  const [enviando, setEnviando] = useState(false);
  const [erro, setErro] = useState<string | null>(null);

  async function enviar(e: FormEvent) {
    e.preventDefault();
    if (!marcado) {
      setErro("Marque que leu e aceita o termo para continuar.");
      return;
    }
    setEnviando(true);
    setErro(null);
    try {
      await aceitar(termo.versao);
    } catch (falha) {
      setErro(mensagemDoProblema(problemaDe(falha)));
      setEnviando(false);
    }
  }

  return (
    <form className="cartao sala-termo" onSubmit={enviar} noValidate>
      <h2>Consentimento para teleconsulta</h2>
      <p>Antes da sua primeira teleconsulta, leia e aceite o termo abaixo.</p>
      <p className="sala-termo__texto">{termo.texto}</p>
      <label className="sala-termo__aceite">
        <input type="checkbox" checked={marcado} onChange={(e) => setMarcado(e.target.checked)} />
        Li e aceito o termo de consentimento para teleconsulta
      </label>
      {erro && <Alerta tipo="erro">{erro}</Alerta>}
      <Botao type="submit" carregando={enviando}>
        Aceitar e continuar
      </Botao>
      <p className="sala-termo__versao">Versão do termo: {termo.versao}</p>
    </form>
  );
}
