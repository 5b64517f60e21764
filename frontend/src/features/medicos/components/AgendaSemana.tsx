import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { SemanaDeHorarios } from "@/components/SemanaDeHorarios";
import { formatarDataHora, formatarDiaEHora } from "@/lib/format";
import { useSessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
import { agendar } from "../api/agendar";
import { obterAgenda, type HorarioLivre } from "../api/obter-agenda";

interface Props {
  medicoId: string;
  medicoNome: string;
  /** "do médico" or "da médica", as the doctor chose to be called. */
  doMedico?: string;
}

/**
 * The doctor's free slots, a week at a time, in the user's time zone; a patient books one.
 * Choosing a slot brings up a confirm bar (fixed at the bottom on a phone) and moves the focus to
 * its button; once booked, the view and the focus move to the confirmation. A link may ask for a
 * slot (`?horario=`, a search result's chip): it comes chosen.
 */
export function AgendaSemana({ medicoId, medicoNome, doMedico = "do médico" }: Props) {
  const sessao = useSessao();
  const local = useLocation();
  const [params] = useSearchParams();
  const [versao, setVersao] = useState(0);
  const [escolhido, setEscolhido] = useState<HorarioLivre | null>(null);
  const [agendado, setAgendado] = useState<string | null>(null);
  const envio = useEnvio();
  const botao = useRef<HTMLButtonElement>(null);
  const entrar = useRef<HTMLAnchorElement>(null);
  const confirmacao = useRef<HTMLDivElement>(null);

  // Focus follows the step: the confirm button once a slot is chosen, the confirmation once
  // booked (both announce themselves; without this focus fell to the page's body).
  useEffect(() => {
    if (escolhido) (botao.current ?? entrar.current)?.focus({ preventScroll: true });
  }, [escolhido]);
  useEffect(() => {
    if (!agendado || !confirmacao.current) return;
    confirmacao.current.scrollIntoView({ block: "center" });
    confirmacao.current.focus({ preventScroll: true });
  }, [agendado]);

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

  // After logging in the patient comes back with the same slot chosen.
  const voltar = escolhido ? `${local.pathname}?horario=${escolhido.id}` : local.pathname;
  return (
    <section
      className={`cartao agenda${escolhido ? " agenda--escolhendo" : ""}`}
      aria-labelledby="agenda-titulo"
    >
      <SemanaDeHorarios
        titulo="Agenda"
        tituloId="agenda-titulo"
        carregar={(de, ate) => obterAgenda(medicoId, de, ate)}
        chave={`${medicoId}:${versao}`}
        escolhido={escolhido?.id ?? null}
        pedido={params.get("horario")}
        aoEscolher={(h) => {
          setAgendado(null);
          envio.limpar();
          setEscolhido(h);
        }}
        aoMudarSemana={() => setEscolhido(null)}
        aviso={
          agendado && (
            <div ref={confirmacao} tabIndex={-1} className="agenda__agendado">
              <Alerta tipo="sucesso">
                <p>
                  <strong>Pedido enviado!</strong> Sua consulta de {agendado} com {medicoNome} aguarda a
                  confirmação {doMedico}.
                </p>
                <p>
                  <Link to="/consultas">Ver minhas consultas</Link>
                </p>
              </Alerta>
            </div>
          )
        }
      />
      {escolhido && (
        <div className="agenda__confirmar" role="region" aria-label="Confirmar agendamento">
          <p>
            Teleconsulta com <strong>{medicoNome}</strong> em{" "}
            <strong>{formatarDataHora(escolhido.inicio)}</strong>.
          </p>
          {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
          {!sessao && (
            <Link ref={entrar} className="botao" to={`/entrar?proximo=${encodeURIComponent(voltar)}`}>
              Entrar para agendar
            </Link>
          )}
          {sessao?.papel === "medico" && <p>Entre com uma conta de paciente para agendar.</p>}
          {sessao?.papel === "paciente" && (
            <Botao ref={botao} onClick={confirmar} carregando={envio.enviando}>
              Solicitar {formatarDiaEHora(escolhido.inicio)}
            </Botao>
          )}
        </div>
      )}
    </section>
  );
}
