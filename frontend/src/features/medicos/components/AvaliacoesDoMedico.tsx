import { useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { DialogoDeTexto } from "@/components/DialogoDeTexto";
import { Carregando } from "@/components/Estados";
import { formatarDiaCurto } from "@/lib/format";
import { useSessao } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import {
  denunciarAvaliacao,
  listarAvaliacoes,
  responderAvaliacao,
  type AvaliacaoPublica,
} from "../api/avaliacoes";

type Acao = { tipo: "responder" | "denunciar"; avaliacao: AvaliacaoPublica } | null;

/**
 * The doctor's written reviews (verified: only after an appointment that took place), newest
 * first, each with the doctor's reply; the doctor, on their own page, replies once or reports
 * one for moderation.
 */
export function AvaliacoesDoMedico({ medicoId, medicoNome }: { medicoId: string; medicoNome: string }) {
  const sessao = useSessao();
  const proprio = sessao?.papel === "medico" && sessao.usuarioId === medicoId;
  const [paginas, setPaginas] = useState(1);
  const [versao, setVersao] = useState(0);
  const lidas = useRecurso(async () => {
    const todas = await Promise.all(
      Array.from({ length: paginas }, (_, i) => listarAvaliacoes(medicoId, i + 1)),
    );
    return { itens: todas.flatMap((p) => p.itens), total: todas[0]?.total ?? 0 };
  }, [medicoId, paginas, versao]);
  const [acao, setAcao] = useState<Acao>(null);
  const [aviso, setAviso] = useState<string | null>(null);

  return (
    <section className="cartao avaliacoes" aria-labelledby="titulo-avaliacoes">
      <h2 id="titulo-avaliacoes">Avaliações de pacientes</h2>
      {aviso && <Alerta tipo="sucesso">{aviso}</Alerta>}
      {lidas.estado === "carregando" && <Carregando texto="Carregando avaliações…" />}
      {lidas.estado === "erro" && <Alerta tipo="erro">{lidas.mensagem}</Alerta>}
      {lidas.estado === "pronto" && lidas.dados.itens.length === 0 && (
        <p>Ainda não há comentários de pacientes.</p>
      )}
      {lidas.estado === "pronto" && lidas.dados.itens.length > 0 && (
        <>
          <p className="avaliacoes__nota">Só comenta quem teve uma consulta realizada.</p>
          <ul className="avaliacoes__lista">
            {lidas.dados.itens.map((a) => (
              <li key={a.id} className="avaliacao">
                <p className="avaliacao__cabecalho">
                  <span role="img" aria-label={`Nota ${a.nota} de 5`} className="avaliacao__estrelas">
                    {"★".repeat(a.nota)}
                    {"☆".repeat(5 - a.nota)}
                  </span>
                  <span>
                    {a.paciente} · {formatarDiaCurto(a.criada_em)}
                  </span>
                </p>
                <p className="avaliacao__comentario">{a.comentario}</p>
                {a.resposta && (
                  <div className="avaliacao__resposta">
                    <strong>Resposta de {medicoNome}:</strong> {a.resposta}
                  </div>
                )}
                {proprio && (
                  <div className="consulta__acoes">
                    {!a.resposta && (
                      <Botao
                        variante="secundario"
                        onClick={() => setAcao({ tipo: "responder", avaliacao: a })}
                      >
                        Responder
                      </Botao>
                    )}
                    <Botao variante="texto" onClick={() => setAcao({ tipo: "denunciar", avaliacao: a })}>
                      Denunciar
                    </Botao>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {lidas.dados.itens.length < lidas.dados.total && (
            <Botao variante="secundario" onClick={() => setPaginas((p) => p + 1)}>
              Mostrar mais avaliações
            </Botao>
          )}
        </>
      )}
      <DialogoDeTexto
        aberto={acao !== null}
        titulo={acao?.tipo === "responder" ? "Responder avaliação" : "Denunciar avaliação"}
        descricao={acao ? `“${acao.avaliacao.comentario}”` : ""}
        rotulo={acao?.tipo === "responder" ? "Sua resposta (pública, uma só vez)" : "Motivo da denúncia"}
        acao={acao?.tipo === "responder" ? "Publicar resposta" : "Enviar denúncia"}
        minimo={acao?.tipo === "responder" ? 1 : 10}
        erroDoMinimo={
          acao?.tipo === "responder" ? "Escreva a resposta" : "Explique o motivo em pelo menos 10 caracteres"
        }
        aoConfirmar={async (texto) => {
          if (!acao) return;
          if (acao.tipo === "responder") await responderAvaliacao(acao.avaliacao.id, texto);
          else await denunciarAvaliacao(acao.avaliacao.id, texto);
          setAviso(
            acao.tipo === "responder"
              ? "Resposta publicada."
              : "Denúncia enviada: o comentário sai da página até a moderação.",
          );
          setVersao((v) => v + 1);
        }}
        aoFechar={() => setAcao(null)}
      />
    </section>
  );
}
