import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando, Vazio } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { formatarDataHora } from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { useSessao } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import {
  aceitarConsulta,
  avaliarConsulta,
  cancelarConsulta,
  corrigirComparecimento,
  listarConsultas,
  recusarConsulta,
  type Consulta,
} from "../api/consultas";
import { CartaoConsulta } from "../components/CartaoConsulta";
import { DialogoAvaliacao } from "../components/DialogoAvaliacao";
import { DialogoJustificativa } from "../components/DialogoJustificativa";
import { DialogoRemarcar } from "../components/DialogoRemarcar";
import { descricaoDoPedido } from "../justificativa";
import { notaDeRemarcacao } from "../remarcacao";
import "../consultas.css";

type Pedido = { tipo: "cancelar" | "recusar"; consulta: Consulta } | null;

/** /consultas: the caller's appointments; doctors accept or refuse, both may cancel, patients
 * may reschedule. */
export function ConsultasRota() {
  const sessao = useSessao();
  const papel = sessao?.papel ?? "paciente";
  const [versao, setVersao] = useState(0);
  const consultas = useRecurso(listarConsultas, [versao]);
  const [pedido, setPedido] = useState<Pedido>(null);
  const [avaliando, setAvaliando] = useState<Consulta | null>(null);
  const [remarcando, setRemarcando] = useState<Consulta | null>(null);
  const [ocupada, setOcupada] = useState<string | null>(null);
  const [aviso, setAviso] = useState<{ tipo: "sucesso" | "erro"; texto: string } | null>(null);
  // ?avaliar={id}: the room sends a patient here once the consultation ended, to rate it.
  const [parametros, setParametros] = useSearchParams();
  const aAvaliar = parametros.get("avaliar");
  useEffect(() => {
    if (!aAvaliar || consultas.estado !== "pronto") return;
    const c = consultas.dados.find((x) => x.id === aAvaliar);
    if (c && c.status === "realizada" && !c.avaliacao && papel === "paciente") setAvaliando(c);
    setParametros({}, { replace: true });
  }, [aAvaliar, consultas, papel, setParametros]);

  async function aceitar(c: Consulta) {
    setOcupada(c.id);
    setAviso(null);
    try {
      await aceitarConsulta(c.id);
      setAviso({ tipo: "sucesso", texto: `Consulta com ${c.paciente.nome} confirmada.` });
    } catch (falha) {
      setAviso({ tipo: "erro", texto: mensagemDoProblema(problemaDe(falha)) });
    } finally {
      setOcupada(null);
      setVersao((v) => v + 1);
    }
  }

  async function comparecimento(c: Consulta, compareceu: boolean) {
    setOcupada(c.id);
    setAviso(null);
    try {
      await corrigirComparecimento(c.id, compareceu);
      setAviso({
        tipo: "sucesso",
        texto: compareceu
          ? `Comparecimento de ${c.paciente.nome} registrado.`
          : `Falta de ${c.paciente.nome} registrada.`,
      });
    } catch (falha) {
      setAviso({ tipo: "erro", texto: mensagemDoProblema(problemaDe(falha)) });
    } finally {
      setOcupada(null);
      setVersao((v) => v + 1);
    }
  }

  async function justificar(justificativa: string) {
    if (!pedido) return;
    const { tipo, consulta } = pedido;
    if (tipo === "cancelar") await cancelarConsulta(consulta.id, justificativa);
    else await recusarConsulta(consulta.id, justificativa || undefined);
    setAviso({ tipo: "sucesso", texto: tipo === "cancelar" ? "Consulta cancelada." : "Pedido recusado." });
    setVersao((v) => v + 1);
  }

  const lista = consultas.estado === "pronto" ? consultas.dados : [];
  const proximas = lista
    .filter((c) => c.status === "pendente" || c.status === "confirmada")
    .sort((a, b) => a.inicio.localeCompare(b.inicio));
  const anteriores = lista
    .filter((c) => c.status !== "pendente" && c.status !== "confirmada")
    .sort((a, b) => b.inicio.localeCompare(a.inicio));
  const cartao = (c: Consulta) => (
    <CartaoConsulta
      key={c.id}
      consulta={c}
      papel={papel}
      ocupado={ocupada === c.id}
      aoAceitar={() => aceitar(c)}
      aoRecusar={() => setPedido({ tipo: "recusar", consulta: c })}
      aoCancelar={() => setPedido({ tipo: "cancelar", consulta: c })}
      aoAvaliar={() => setAvaliando(c)}
      aoRemarcar={() => {
        setAviso(null);
        setRemarcando(c);
      }}
      notaRemarcacao={notaDeRemarcacao(c, lista)}
      aoCorrigirComparecimento={(compareceu) => comparecimento(c, compareceu)}
    />
  );

  return (
    <Pagina titulo={papel === "medico" ? "Consultas" : "Minhas consultas"}>
      {aviso && <Alerta tipo={aviso.tipo}>{aviso.texto}</Alerta>}
      {consultas.estado === "carregando" && <Carregando texto="Carregando consultas…" />}
      {consultas.estado === "erro" && <Alerta tipo="erro">{consultas.mensagem}</Alerta>}
      {consultas.estado === "pronto" && lista.length === 0 && (
        <Vazio titulo="Nenhuma consulta ainda">
          {papel === "paciente" ? (
            <Link to="/buscar" className="botao">
              Buscar médicos
            </Link>
          ) : (
            <p>Os pedidos de pacientes aparecem aqui.</p>
          )}
        </Vazio>
      )}
      {proximas.length > 0 && (
        <section className="secao-consultas" aria-labelledby="titulo-proximas">
          <h2 id="titulo-proximas">Próximas</h2>
          <ul className="lista-consultas">{proximas.map(cartao)}</ul>
        </section>
      )}
      {anteriores.length > 0 && (
        <section className="secao-consultas" aria-labelledby="titulo-anteriores">
          <h2 id="titulo-anteriores">Anteriores e canceladas</h2>
          <ul className="lista-consultas">{anteriores.map(cartao)}</ul>
        </section>
      )}
      <DialogoAvaliacao
        aberto={avaliando !== null}
        medicoNome={avaliando?.medico.nome ?? ""}
        aoAvaliar={async (nota, comentario) => {
          if (!avaliando) return;
          await avaliarConsulta(avaliando.id, nota, comentario);
          setAviso({ tipo: "sucesso", texto: "Obrigado pela avaliação!" });
          setVersao((v) => v + 1);
        }}
        aoFechar={() => setAvaliando(null)}
      />
      <DialogoRemarcar
        consulta={remarcando}
        aoRemarcar={(nova) => {
          setRemarcando(null);
          setAviso({
            tipo: "sucesso",
            texto: `Consulta remarcada para ${formatarDataHora(nova.inicio)}. O novo horário aguarda a confirmação do médico.`,
          });
          setVersao((v) => v + 1);
        }}
        aoFechar={() => setRemarcando(null)}
      />
      <DialogoJustificativa
        aberto={pedido !== null}
        titulo={pedido?.tipo === "recusar" ? "Recusar pedido" : "Cancelar consulta"}
        descricao={pedido ? descricaoDoPedido(pedido.tipo, pedido.consulta, papel) : ""}
        acao={pedido?.tipo === "recusar" ? "Recusar pedido" : "Cancelar consulta"}
        minimo={pedido?.tipo === "recusar" ? 0 : 10}
        aoConfirmar={justificar}
        aoFechar={() => setPedido(null)}
      />
    </Pagina>
  );
}
