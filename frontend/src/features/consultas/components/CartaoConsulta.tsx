import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Botao } from "@/components/Botao";
import { formatarDataHora, formatarDiaCurto, formatarHora } from "@/lib/format";
import { inicialMaiuscula, medicoNoTexto } from "@/lib/medico-no-texto";
import type { Papel } from "@/lib/session";
import type { Consulta } from "../api/consultas";
import { foiRemarcada } from "../remarcacao";
import { aberturaDaSala, MINUTOS_ANTES_DA_SALA, salaAberta } from "../sala";
import { AdicionarAoCalendario } from "./AdicionarAoCalendario";
import { SeloStatus } from "./StatusConsulta";

interface Props {
  consulta: Consulta;
  papel: Papel;
  ocupado: boolean;
  aoAceitar: () => void;
  aoRecusar: () => void;
  aoCancelar: () => void;
  aoAvaliar: () => void;
  /** The patient moves an active appointment to another slot (absent: no such action here). */
  aoRemarcar?: () => void;
  /** What the card says about a rescheduling ("Remarcada para ..."), if any. */
  notaRemarcacao?: string | null;
  /** The doctor confirms or corrects whether the patient attended (absent: not offered). */
  aoCorrigirComparecimento?: (compareceu: boolean) => void;
}

/** How long after the end the doctor may still correct the attendance, and the patient rebook
 * a doctor's absence at no cost (the API's rules: 7 and 30 days). */
const DIA_MS = 24 * 60 * 60 * 1000;
const PRAZO_COMPARECIMENTO_MS = 7 * DIA_MS;
const PRAZO_REMARCAR_AUSENCIA_MS = 30 * DIA_MS;

function dentroDoPrazo(fim: string, prazoMs: number): boolean {
  return Date.now() <= new Date(fim).getTime() + prazoMs;
}

/** One appointment with what the caller may do with it now. */
export function CartaoConsulta({
  consulta: c,
  papel,
  ocupado,
  aoAceitar,
  aoRecusar,
  aoCancelar,
  aoAvaliar,
  aoRemarcar,
  notaRemarcacao,
  aoCorrigirComparecimento,
}: Props) {
  const outro =
    papel === "paciente" ? `${c.medico.nome} · CRM ${c.medico.crm}/${c.medico.uf}` : c.paciente.nome;
  const ativa = c.status === "pendente" || c.status === "confirmada";
  const medico = medicoNoTexto(c.medico.nome);
  return (
    <li className="cartao consulta">
      <div className="consulta__cabecalho">
        <h3 className="consulta__quando">
          {formatarDataHora(c.inicio)} – {formatarHora(c.fim)}
        </h3>
        <SeloStatus
          status={c.status}
          remarcada={foiRemarcada(c)}
          rotulo={
            c.status === "medico_ausente"
              ? `${inicialMaiuscula(medico.substantivo)} não compareceu`
              : undefined
          }
        />
      </div>
      <p className="consulta__com">{outro}</p>
      {notaRemarcacao && <p className="consulta__remarcacao">{notaRemarcacao}</p>}
      {c.justificativa && (
        <p className="consulta__justificativa">
          <strong>Justificativa:</strong> {c.justificativa}
        </p>
      )}
      {c.avaliacao && (
        <p className="consulta__justificativa">
          <strong>Sua avaliação:</strong> {"★".repeat(c.avaliacao.nota)}
          {c.avaliacao.comentario ? ` · ${c.avaliacao.comentario}` : ""}
        </p>
      )}
      {papel === "paciente" && c.status === "realizada" && !c.avaliacao && (
        <div className="consulta__acoes">
          <Botao variante="secundario" onClick={aoAvaliar}>
            Avaliar consulta
          </Botao>
        </div>
      )}
      {papel === "paciente" && c.status === "medico_ausente" && !c.remarcada_para && (
        <>
          <p className="consulta__remarcacao">
            {inicialMaiuscula(medico.o)} não entrou na sala. Você pode remarcar sem custo na agenda{" "}
            {medico.do}.
          </p>
          {aoRemarcar && dentroDoPrazo(c.fim, PRAZO_REMARCAR_AUSENCIA_MS) && (
            <div className="consulta__acoes">
              <Botao variante="secundario" onClick={aoRemarcar} disabled={ocupado}>
                Remarcar sem custo
              </Botao>
            </div>
          )}
        </>
      )}
      {papel === "medico" &&
        aoCorrigirComparecimento &&
        (c.status === "realizada" || c.status === "nao_compareceu") &&
        !c.avaliacao &&
        dentroDoPrazo(c.fim, PRAZO_COMPARECIMENTO_MS) && (
          <div className="consulta__acoes">
            <Botao
              variante="texto"
              onClick={() => aoCorrigirComparecimento(c.status === "nao_compareceu")}
              carregando={ocupado}
            >
              {c.status === "nao_compareceu" ? "O paciente compareceu" : "Marcar falta do paciente"}
            </Botao>
          </div>
        )}
      {/* The record is written during or after the consultation: from the room's opening on. */}
      {papel === "medico" &&
        (c.status === "realizada" ||
          (c.status === "confirmada" && aberturaDaSala(c.inicio) <= new Date())) && (
          <div className="consulta__acoes">
            <Link to={`/consultas/${c.id}/registro`} className="botao botao--secundario">
              Registro clínico
            </Link>
          </div>
        )}
      {ativa && (
        <div className="consulta__acoes">
          {c.status === "confirmada" && <EntrarNaSala consulta={c} />}
          {papel === "medico" && c.status === "pendente" && (
            <>
              <Botao onClick={aoAceitar} carregando={ocupado}>
                Aceitar
              </Botao>
              <Botao variante="secundario" onClick={aoRecusar} disabled={ocupado}>
                Recusar
              </Botao>
            </>
          )}
          <AdicionarAoCalendario
            consultaId={c.id}
            com={papel === "paciente" ? c.medico.nome : c.paciente.nome}
            quando={formatarDataHora(c.inicio)}
          />
          {papel === "paciente" && aoRemarcar && (
            <Botao variante="secundario" onClick={aoRemarcar} disabled={ocupado}>
              Remarcar
            </Botao>
          )}
          <Botao variante="texto" onClick={aoCancelar} disabled={ocupado}>
            Cancelar consulta
          </Botao>
        </div>
      )}
    </li>
  );
}

/** "Entrar na sala" leads to the room while it is open; before, it is disabled and says when the
 * room opens (and enables itself then). */
function EntrarNaSala({ consulta: c }: { consulta: Consulta }) {
  const [agora, setAgora] = useState(() => new Date());
  const abre = aberturaDaSala(c.inicio);
  const espera = abre.getTime() - agora.getTime();
  useEffect(() => {
    // setTimeout takes at most ~24.8 days; a page open that long is reloaded anyway.
    if (espera <= 0 || espera > 2 ** 31 - 1) return;
    const relogio = setTimeout(() => setAgora(new Date()), espera);
    return () => clearTimeout(relogio);
  }, [espera]);
  if (salaAberta(c, agora)) {
    return (
      <Link to={`/sala/${c.id}`} className="botao">
        Entrar na sala
      </Link>
    );
  }
  if (espera <= 0) return null;
  return (
    <>
      <button type="button" className="botao" disabled aria-describedby={`sala-abre-${c.id}`}>
        Entrar na sala
      </button>
      <span id={`sala-abre-${c.id}`} className="consulta__sala-abre">
        A sala abre {formatarDiaCurto(abre)} às {formatarHora(abre)}, {MINUTOS_ANTES_DA_SALA} minutos antes do
        início.
      </span>
    </>
  );
}
