import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { Alerta } from "@/components/Alerta";
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
import { useRecurso } from "@/lib/use-recurso";
import {
  DIAS_DA_PROCURA,
  diasVisiveis,
  horarioPedido,
  horariosDaProcura,
  semanaInicial,
  type Procura,
} from "./semana";
import "./semana.css";

/** A free slot as the week view needs it. */
export interface HorarioDaSemana {
  id: string;
  inicio: string;
  fim: string;
}

interface Props {
  titulo: string;
  tituloId: string;
  /** The title's heading level (the days are one below): 2 on a page, 3 inside a dialog. */
  nivel?: 2 | 3;
  /** Reads the free slots between two instants (a week). */
  carregar: (de: Date, ate: Date) => Promise<{ horarios: HorarioDaSemana[] }>;
  /** Changes whenever the slots must be read again (another doctor, a booking just made). */
  chave: string;
  escolhido: string | null;
  aoEscolher: (horario: HorarioDaSemana) => void;
  aoMudarSemana?: () => void;
  /** Shown between the week's navigation and the days (e.g. what was just booked). */
  aviso?: ReactNode;
  /** A slot a link asked for (`?horario=`): the view opens on its week with it chosen. */
  pedido?: string | null;
}

/**
 * A doctor's free slots, a week at a time, in the user's time zone, to pick one: the doctor's
 * page books it, an appointment being rescheduled moves to it. It opens on the week of the first
 * free slot (not on an empty current week), and days already past are not shown.
 *
 * Opening costs one request: the read that finds the first week (the next 30 days) also fills
 * that week, unless the week ends past those 30 days. Moving to another week, or a new `chave`,
 * reads again.
 */
export function SemanaDeHorarios(props: Props) {
  const { carregar } = props;
  const [semana, setSemana] = useState<Date | null>(null);
  const procura = useRef<Procura<HorarioDaSemana> | null>(null);
  useEffect(() => {
    let vigente = true;
    const agora = new Date();
    const ate = somarDias(agora, DIAS_DA_PROCURA);
    carregar(agora, ate).then(
      ({ horarios }) => {
        if (!vigente) return;
        procura.current = { ate, chave: props.chave, horarios };
        const pedido = horarioPedido(horarios, props.pedido, agora);
        setSemana((s) => s ?? semanaInicial(agora, horarios, pedido));
        if (pedido) props.aoEscolher(pedido);
      },
      () => vigente && setSemana((s) => s ?? inicioDaSemana(agora)),
    );
    return () => {
      vigente = false;
    };
    // Once, when the view opens: later bookings keep the week the user is looking at.
  }, []);
  if (!semana) return <Carregando texto="Carregando horários…" />;
  return <Semana {...props} semana={semana} setSemana={setSemana} procura={procura} />;
}

function Semana({
  titulo,
  tituloId,
  nivel = 2,
  carregar,
  chave,
  escolhido,
  aoEscolher,
  aoMudarSemana,
  aviso,
  semana,
  setSemana,
  procura,
}: Props & {
  semana: Date;
  setSemana: (mudar: (s: Date | null) => Date) => void;
  /** The opening read, good for the first week only (dropped once the user moves on). */
  procura: RefObject<Procura<HorarioDaSemana> | null>;
}) {
  const fim = somarDias(semana, 7);
  const agenda = useRecurso(() => {
    const lida =
      procura.current?.chave === chave ? horariosDaProcura(procura.current, semana, fim) : undefined;
    return lida ? Promise.resolve({ horarios: lida }) : carregar(semana, fim);
  }, [chave, semana.getTime()]);
  const dias = diasVisiveis(semana, new Date());
  const estaSemana = mesmoDia(semana, inicioDaSemana(new Date()));
  const Titulo = nivel === 2 ? "h2" : "h3";
  const Dia = nivel === 2 ? "h3" : "h4";

  function mudarSemana(delta: number) {
    procura.current = null;
    aoMudarSemana?.();
    setSemana((s) => somarDias(s ?? semana, 7 * delta));
  }

  return (
    <>
      <div className="agenda__topo">
        <Titulo id={tituloId}>{titulo}</Titulo>
        <NavegacaoSemana semana={semana} aoMudar={mudarSemana} podeVoltar={!estaSemana} />
      </div>
      {aviso}
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
                  <Dia>{formatarDiaCurto(dia)}</Dia>
                  {doDia.length === 0 ? (
                    <span className="agenda__sem">Sem horários</span>
                  ) : (
                    <ul className="agenda__horarios">
                      {doDia.map((h) => (
                        <li key={h.id}>
                          <button
                            type="button"
                            className="horario"
                            aria-pressed={escolhido === h.id}
                            aria-label={`${formatarDataHora(h.inicio)}`}
                            onClick={() => aoEscolher(h)}
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
    </>
  );
}
