import { useState } from "react";
import { Link, useLocation } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { SemanaDeHorarios } from "@/components/SemanaDeHorarios";
import { formatarDataHora } from "@/lib/format";
import { useSessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
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
  const [versao, setVersao] = useState(0);
  const [escolhido, setEscolhido] = useState<HorarioLivre | null>(null);
  const [agendado, setAgendado] = useState<string | null>(null);
  const envio = useEnvio();

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
      <SemanaDeHorarios
        titulo="Agenda"
        tituloId="agenda-titulo"
        carregar={(de, ate) => obterAgenda(medicoId, de, ate)}
        chave={`${medicoId}:${versao}`}
        escolhido={escolhido?.id ?? null}
        aoEscolher={(h) => {
          setAgendado(null);
          envio.limpar();
          setEscolhido(h);
        }}
        aoMudarSemana={() => setEscolhido(null)}
        aviso={
          agendado && (
            <Alerta tipo="sucesso">
              <p>
                <strong>Pedido enviado!</strong> Sua consulta de {agendado} com {medicoNome} aguarda a
                confirmação do médico.
              </p>
              <p>
                <Link to="/consultas">Ver minhas consultas</Link>
              </p>
            </Alerta>
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
