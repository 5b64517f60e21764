import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto, Campo } from "@/components/Campo";
import { useEnvio } from "@/lib/use-envio";
import {
  assinarEvolucao,
  editarEvolucao,
  redigirEvolucao,
  type ConteudoEvolucao,
  type Evolucao,
} from "../api/registro-clinico";

/** The codes typed as "J06.9, R50.9" (comma, semicolon or space between them). */
export function codigosCid(texto: string): string[] {
  return texto
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The doctor's draft of the consultation's note: save it, then sign it (locked for ever). */
export function FormEvolucao({
  pacienteId,
  consultaId,
  rascunho,
  aoMudar,
}: {
  pacienteId: string;
  consultaId: string;
  rascunho: Evolucao | null;
  aoMudar: (evolucao: Evolucao, aviso: string) => void;
}) {
  const [queixa, setQueixa] = useState(rascunho?.queixa_principal ?? "");
  const [avaliacao, setAvaliacao] = useState(rascunho?.avaliacao ?? "");
  const [plano, setPlano] = useState(rascunho?.plano ?? "");
  const [cid, setCid] = useState(rascunho?.cid10.join(", ") ?? "");
  const [texto, setTexto] = useState(rascunho?.texto ?? "");
  const [atual, setAtual] = useState<Evolucao | null>(rascunho);
  const envio = useEnvio();

  async function salvar(): Promise<Evolucao> {
    const conteudo: ConteudoEvolucao = {
      queixa_principal: queixa,
      avaliacao,
      plano,
      cid10: codigosCid(cid),
      texto,
    };
    const salvo = atual
      ? await editarEvolucao(pacienteId, atual.id, conteudo)
      : await redigirEvolucao(pacienteId, consultaId, conteudo);
    setAtual(salvo);
    return salvo;
  }

  async function rascunhar(evento: FormEvent) {
    evento.preventDefault();
    await envio.enviar(async () => aoMudar(await salvar(), "Rascunho salvo."));
  }

  async function assinar() {
    await envio.enviar(async () => {
      const salvo = await salvar();
      aoMudar(await assinarEvolucao(pacienteId, salvo.id), "Evolução assinada.");
    });
  }

  return (
    <form className="formulario" aria-label="Evolução da consulta" onSubmit={rascunhar} noValidate>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <AreaTexto
        rotulo="Queixa principal"
        rows={2}
        maxLength={5000}
        value={queixa}
        onChange={(e) => setQueixa(e.target.value)}
        erro={envio.erros.queixa_principal}
      />
      <AreaTexto
        rotulo="Avaliação"
        rows={3}
        maxLength={5000}
        value={avaliacao}
        onChange={(e) => setAvaliacao(e.target.value)}
        erro={envio.erros.avaliacao}
      />
      <AreaTexto
        rotulo="Plano"
        rows={3}
        maxLength={5000}
        value={plano}
        onChange={(e) => setPlano(e.target.value)}
        erro={envio.erros.plano}
      />
      <Campo
        rotulo="CID-10"
        dica="Códigos separados por vírgula, como J06.9 (conferidos só pelo formato)."
        value={cid}
        onChange={(e) => setCid(e.target.value)}
        erro={envio.erros.cid10}
        autoComplete="off"
      />
      <AreaTexto
        rotulo="Evolução"
        rows={5}
        maxLength={20000}
        value={texto}
        onChange={(e) => setTexto(e.target.value)}
        erro={envio.erros.texto}
      />
      <p className="subtitulo">
        Depois de assinada, a evolução não pode mais ser alterada; correções viram adendos.
      </p>
      <div className="acoes-form">
        <Botao type="submit" variante="secundario" disabled={envio.enviando}>
          Salvar rascunho
        </Botao>
        <Botao onClick={assinar} carregando={envio.enviando}>
          Assinar evolução
        </Botao>
      </div>
    </form>
  );
}
