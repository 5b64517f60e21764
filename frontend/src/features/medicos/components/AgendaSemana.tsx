import { useState } from "react";
import { Link, useLocation } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Carregando } from "@/components/Estados";
import { NavegacaoSemana } from "@/components/NavegacaoSemana";
import {
  formatarDataHora,
  formatarDiaCurto,
  formatarHora,
  inicioDaSemana,
  mesmoDia,
  somarDias,
} from "@/lib/format";
import { useSessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
import { useRecurso } from "@/lib/use-recurso";
import { agendar } from "../api/agendar";
import { obterAgenda, type HorarioLivre } from "../api/obter-agenda";

interface Props {
  medicoId: string;
  medicoNome: string;
}

/** The doctor's free slots, a week at a time, in the user's time zone; a patient books one. */
export function AgendaSemana({ medicoId, medicoNome }: Props) {
  const sessao = useSessao();
  const local = useLocation();
  const [semana, setSemana] = useState(() => inicioDaSemana(new Date()));
  const [versao, setVersao] = useState(0);
  const [escolhido, setEscolhido] = useState<HorarioLivre | null>(null);
  const [agendado, setAgendado] = useState<string | null>(null);
  const envio = useEnvio();
  const fim = somarDias(semana, 7);
  const agenda = useRecurso(() => obterAgenda(medicoId, semana, fim), [medicoId, semana.getTime(), versao]);
  const dias = Array.from({ length: 7 }, (_, i) => somarDias(semana, i));
  const estaSemana = mesmoDia(semana, inicioDaSemana(new Date()));

  function mudarSemana(delta: number) {
    setEscolhido(null);
    setSemana((s) => somarDias(s, 7 * delta));
  }

  async function confirmar() {
    if (!escolhido) return;
    const horario = escolhido;
    const ok = await envio.enviar(async () => {
      await agendar(horario.id);
    });
    if (ok) {
      setAgendado(formatarDataHora(horario.inicio));
      setEscolhido(null);
    }
    setVersao((v) => v + 1);
  }

  return (
    <section className="cartao agenda" aria-labelledby="agenda-titulo">
      <div className="agenda__topo">
        <h2 id="agenda-titulo">Agenda</h2>
        <NavegacaoSemana semana={semana} aoMudar={mudarSemana} podeVoltar={!estaSemana} />
      </div>
      {agendado && (
        <Alerta tipo="sucesso">
          <p>
            <strong>Pedido enviado!</strong> Sua consulta de {agendado} com {medicoNome} aguarda a confirmação
            do médico.
          </p>
          <p>
            <Link to="/consultas">Ver minhas consultas</Link>
          </p>
        </Alerta>
      )}
      {agenda.estado === "carregando" && <Carregando texto="Carregando horários…" />}
      {agenda.estado === "erro" && <Alerta tipo="erro">{agenda.mensagem}</Alerta>}
      {agenda.estado === "pronto" && (
        <>
          {agenda.dados.horarios.length === 0 && (
            <p className="agenda__vazia">Nenhum horário livre nesta semana. Veja a próxima semana.</p>
          )}
          <ol className="agenda__dias">
            {dias.map((dia) => {
              const doDia = agenda.dados.horarios.filter((h) => mesmoDia(new Date(h.inicio), dia));
              return (
                <li key={dia.getTime()} className="agenda__dia">
                  <h3>{formatarDiaCurto(dia)}</h3>
                  {doDia.length === 0 ? (
                    <span className="agenda__sem">Sem horários</span>
                  ) : (
                    <ul className="agenda__horarios">
                      {doDia.map((h) => (
                        <li key={h.id}>
                          <button
                            type="button"
                            className="horario"
                            aria-pressed={escolhido?.id === h.id}
                            aria-label={`${formatarDataHora(h.inicio)}`}
                            onClick={() => {
                              setAgendado(null);
                              envio.limpar();
                              setEscolhido(h);
                            }}
                          >
                            {formatarHora(h.inicio)}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {escolhido && (
        <div className="agenda__confirmar" role="region" aria-label="Confirmar agendamento">
          <p>
            Teleconsulta com <strong>{medicoNome}</strong> em{" "}
            <strong>{formatarDataHora(escolhido.inicio)}</strong>.
          </p>
          {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
          {!sessao && (
            <Link className="botao" to={`/entrar?proximo=${encodeURIComponent(local.pathname)}`}>
              Entrar para agendar
            </Link>
          )}
          {sessao?.papel === "medico" && <p>Entre com uma conta de paciente para agendar.</p>}
          {sessao?.papel === "paciente" && (
            <Botao onClick={confirmar} carregando={envio.enviando}>
              Solicitar agendamento
            </Botao>
          )}
        </div>
      )}
    </section>
  );
}
