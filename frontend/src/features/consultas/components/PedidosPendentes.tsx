import { useRef, useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Carregando } from "@/components/Estados";
import { contagem, formatarDataHora } from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { useRecurso } from "@/lib/use-recurso";
import { aceitarConsulta, listarConsultas, recusarConsulta, type Consulta } from "../api/consultas";
import { descricaoDoPedido } from "../justificativa";
import { DialogoJustificativa } from "./DialogoJustificativa";
import "../consultas.css";

/** The doctor's home: how many requests wait for an answer, each with Aceitar and Recusar. */
export function PedidosPendentes() {
  const [versao, setVersao] = useState(0);
  const consultas = useRecurso(listarConsultas, [versao]);
  // While the list is read again after an answer, the last one stays (no "Nenhum pedido" flash).
  const ultimas = useRef<Consulta[] | null>(null);
  if (consultas.estado === "pronto") ultimas.current = consultas.dados;
  const [ocupada, setOcupada] = useState<string | null>(null);
  const [recusando, setRecusando] = useState<Consulta | null>(null);
  const [aviso, setAviso] = useState<{ tipo: "sucesso" | "erro"; texto: string } | null>(null);

  async function responder(c: Consulta, resposta: () => Promise<unknown>, feito: string) {
    setOcupada(c.id);
    setAviso(null);
    try {
      await resposta();
      setAviso({ tipo: "sucesso", texto: feito });
    } catch (falha) {
      setAviso({ tipo: "erro", texto: mensagemDoProblema(problemaDe(falha)) });
    } finally {
      setOcupada(null);
      setVersao((v) => v + 1);
    }
  }

  if (consultas.estado === "erro") return null;
  if (!ultimas.current) return <Carregando texto="Carregando pedidos…" />;
  const agora = new Date().toISOString();
  const pendentes = ultimas.current
    .filter((c) => c.status === "pendente" && c.fim > agora)
    .sort((a, b) => a.inicio.localeCompare(b.inicio));
  return (
    <section className="cartao proximas" aria-labelledby="titulo-pedidos">
      <h2 id="titulo-pedidos">Pedidos de consulta</h2>
      {aviso && <Alerta tipo={aviso.tipo}>{aviso.texto}</Alerta>}
      <p className="subtitulo" aria-live="polite">
        {pendentes.length === 0
          ? "Nenhum pedido aguardando sua resposta."
          : `${contagem(pendentes.length, "pedido aguarda", "pedidos aguardam")} sua resposta.`}
      </p>
      {pendentes.length > 0 && (
        <ul className="proximas__lista">
          {pendentes.map((c) => (
            <li key={c.id}>
              <span className="proximas__quando">{formatarDataHora(c.inicio)}</span>
              <span>{c.paciente.nome}</span>
              <span className="pedidos__acoes">
                <Botao
                  carregando={ocupada === c.id}
                  onClick={() =>
                    responder(c, () => aceitarConsulta(c.id), `Consulta com ${c.paciente.nome} confirmada.`)
                  }
                >
                  Aceitar
                </Botao>
                <Botao variante="secundario" disabled={ocupada === c.id} onClick={() => setRecusando(c)}>
                  Recusar
                </Botao>
              </span>
            </li>
          ))}
        </ul>
      )}
      <DialogoJustificativa
        aberto={recusando !== null}
        titulo="Recusar pedido"
        descricao={recusando ? descricaoDoPedido("recusar", recusando, "medico") : ""}
        acao="Recusar pedido"
        minimo={0}
        aoConfirmar={async (justificativa) => {
          if (!recusando) return;
          const c = recusando;
          await recusarConsulta(c.id, justificativa || undefined);
          setAviso({ tipo: "sucesso", texto: `Pedido de ${c.paciente.nome} recusado.` });
          setVersao((v) => v + 1);
        }}
        aoFechar={() => setRecusando(null)}
      />
    </section>
  );
}
