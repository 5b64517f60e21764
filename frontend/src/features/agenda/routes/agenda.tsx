import { useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Carregando } from "@/components/Estados";
import { NavegacaoSemana } from "@/components/NavegacaoSemana";
import { Pagina } from "@/components/Pagina";
import {
  formatarDataHora,
  formatarDiaCurto,
  formatarHora,
  inicioDaSemana,
  mesmoDia,
  somarDias,
} from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { useRecurso } from "@/lib/use-recurso";
import { nomesDosPacientes } from "../api/pacientes";
import {
  excluirHorario,
  listarBloqueios,
  listarHorarios,
  removerBloqueio,
  type Horario,
  type PeriodoBloqueado,
} from "../api/horarios";
import { bloqueioNoDia, resumoDaCriacao, resumoDoBloqueio, textoDoBloqueio } from "../bloqueio";
import { DialogoBloquearPeriodo } from "../components/DialogoBloquearPeriodo";
import { DialogoEditarHorario } from "../components/DialogoEditarHorario";
import { FormNovosHorarios } from "../components/FormNovosHorarios";
import "@/components/semana.css";
import "../agenda.css";

const ROTULO: Record<string, string> = { livre: "Livre", reservado: "Reservado", confirmado: "Confirmado" };

/**
 * /agenda: the doctor's week of slots; open new ones, delete free ones, block a period. The blocked
 * periods are listed (each removable) and marked on the days of the week they cover.
 */
export function AgendaRota() {
  const [semana, setSemana] = useState(() => inicioDaSemana(new Date()));
  const [versao, setVersao] = useState(0);
  const [aviso, setAviso] = useState<{ tipo: "sucesso" | "erro"; texto: string } | null>(null);
  const [excluindo, setExcluindo] = useState<string | null>(null);
  const [editando, setEditando] = useState<Horario | null>(null);
  const [bloqueando, setBloqueando] = useState(false);
  const [removendo, setRemovendo] = useState<string | null>(null);
  const horarios = useRecurso(() => listarHorarios(semana, somarDias(semana, 7)), [semana.getTime(), versao]);
  const bloqueios = useRecurso(listarBloqueios, [versao]);
  // Whose each booked slot is (the agenda lists only the appointment's id).
  const reservados = horarios.estado === "pronto" ? horarios.dados.flatMap((h) => h.consulta_id ?? []) : [];
  const pacientes = useRecurso(() => nomesDosPacientes(reservados), [reservados.join(",")]);
  const nomes = pacientes.estado === "pronto" ? pacientes.dados : new Map<string, string>();
  const periodos = bloqueios.estado === "pronto" ? bloqueios.dados : [];
  const dias = Array.from({ length: 7 }, (_, i) => somarDias(semana, i));

  function aoCriar(quantos: number, primeiro: Date, ignorados: number) {
    setAviso({ tipo: "sucesso", texto: resumoDaCriacao(quantos, ignorados) });
    setSemana(inicioDaSemana(primeiro));
    setVersao((v) => v + 1);
  }

  async function excluir(h: Horario) {
    setExcluindo(h.id);
    try {
      await excluirHorario(h.id);
      setAviso({ tipo: "sucesso", texto: `Horário de ${formatarDataHora(h.inicio)} excluído.` });
    } catch (falha) {
      setAviso({ tipo: "erro", texto: mensagemDoProblema(problemaDe(falha)) });
    } finally {
      setExcluindo(null);
      setVersao((v) => v + 1);
    }
  }

  async function desbloquear(b: PeriodoBloqueado) {
    setRemovendo(b.id);
    try {
      await removerBloqueio(b.id);
      setAviso({
        tipo: "sucesso",
        texto: `Bloqueio removido (${textoDoBloqueio(b).replace("Bloqueado ", "")}). Você pode abrir horários nesse período.`,
      });
    } catch (falha) {
      setAviso({ tipo: "erro", texto: mensagemDoProblema(problemaDe(falha)) });
    } finally {
      setRemovendo(null);
      setVersao((v) => v + 1);
    }
  }

  return (
    <Pagina titulo="Minha agenda">
      {aviso && <Alerta tipo={aviso.tipo}>{aviso.texto}</Alerta>}
      <div className="agenda-medico">
        <div className="agenda-medico__lateral">
          <section className="cartao" aria-labelledby="titulo-novos">
            <h2 id="titulo-novos">Abrir horários</h2>
            <FormNovosHorarios aoCriar={aoCriar} />
          </section>
          <section className="cartao bloqueios" aria-labelledby="titulo-bloqueios">
            <h2 id="titulo-bloqueios">Períodos bloqueados</h2>
            {bloqueios.estado === "carregando" && <Carregando texto="Carregando bloqueios…" />}
            {bloqueios.estado === "erro" && <Alerta tipo="erro">{bloqueios.mensagem}</Alerta>}
            {bloqueios.estado === "pronto" &&
              (periodos.length === 0 ? (
                <p className="agenda__sem">Nenhum período bloqueado.</p>
              ) : (
                <ul className="bloqueios__lista">
                  {periodos.map((b) => (
                    <li key={b.id} className="bloqueios__item">
                      <span>{textoDoBloqueio(b)}</span>
                      <button
                        type="button"
                        className="botao botao--texto"
                        onClick={() => desbloquear(b)}
                        disabled={removendo === b.id}
                        aria-label={`Remover bloqueio: ${textoDoBloqueio(b)}`}
                      >
                        Remover bloqueio
                      </button>
                    </li>
                  ))}
                </ul>
              ))}
          </section>
        </div>
        <section className="cartao agenda" aria-labelledby="titulo-semana">
          <div className="agenda__topo">
            <h2 id="titulo-semana">Semana</h2>
            <NavegacaoSemana semana={semana} aoMudar={(d) => setSemana((s) => somarDias(s, 7 * d))} />
            <button type="button" className="botao botao--secundario" onClick={() => setBloqueando(true)}>
              Bloquear período
            </button>
          </div>
          {horarios.estado === "carregando" && <Carregando texto="Carregando horários…" />}
          {horarios.estado === "erro" && <Alerta tipo="erro">{horarios.mensagem}</Alerta>}
          {horarios.estado === "pronto" && (
            <ol className="agenda__dias agenda__dias--lista">
              {dias.map((dia) => {
                const doDia = horarios.dados.filter((h) => mesmoDia(new Date(h.inicio), dia));
                const bloqueado = bloqueioNoDia(dia, periodos);
                return (
                  <li
                    key={dia.getTime()}
                    className={`agenda__dia${bloqueado ? " agenda__dia--bloqueado" : ""}`}
                  >
                    <h3>{formatarDiaCurto(dia)}</h3>
                    <div className="agenda__conteudo">
                      {bloqueado && <span className="agenda__bloqueado">{bloqueado}</span>}
                      {doDia.length === 0 ? (
                        !bloqueado && <span className="agenda__sem">Sem horários</span>
                      ) : (
                        <ul className="meus-horarios">
                          {doDia.map((h) => (
                            <li key={h.id} className={`meu-horario meu-horario--${h.status}`}>
                              <span>
                                {formatarHora(h.inicio)}–{formatarHora(h.fim)}
                              </span>
                              <span className="meu-horario__status">{ROTULO[h.status] ?? h.status}</span>
                              {h.consulta_id && nomes.has(h.consulta_id) && (
                                <span className="meu-horario__paciente">{nomes.get(h.consulta_id)}</span>
                              )}
                              {h.status === "livre" && (
                                <button
                                  type="button"
                                  className="botao botao--texto meu-horario__editar"
                                  onClick={() => setEditando(h)}
                                  aria-label={`Editar horário de ${formatarDataHora(h.inicio)}`}
                                >
                                  Editar
                                </button>
                              )}
                              {h.status === "livre" && (
                                <button
                                  type="button"
                                  className="botao botao--texto meu-horario__excluir"
                                  onClick={() => excluir(h)}
                                  disabled={excluindo === h.id}
                                  aria-label={`Excluir horário de ${formatarDataHora(h.inicio)}`}
                                >
                                  Excluir
                                </button>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>
      <DialogoEditarHorario
        horario={editando}
        aoSalvar={(h) => {
          setEditando(null);
          setAviso({ tipo: "sucesso", texto: `Horário movido para ${formatarDataHora(h.inicio)}.` });
          setSemana(inicioDaSemana(new Date(h.inicio)));
          setVersao((v) => v + 1);
        }}
        aoFechar={() => setEditando(null)}
      />
      <DialogoBloquearPeriodo
        aberto={bloqueando}
        aoBloquear={(feito, de) => {
          setBloqueando(false);
          setAviso({
            tipo: "sucesso",
            texto: resumoDoBloqueio(feito.removidos, feito.mantidos.length, false),
          });
          setSemana(inicioDaSemana(de));
          setVersao((v) => v + 1);
        }}
        aoFechar={() => setBloqueando(false)}
      />
    </Pagina>
  );
}
