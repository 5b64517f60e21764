import { Link } from "react-router";
import {
  formatarDataHora,
  formatarDiaCurto,
  formatarDistancia,
  formatarHora,
  formatarMoeda,
  somarDias,
} from "@/lib/format";
import { useRecurso } from "@/lib/use-recurso";
import type { MedicoEncontrado } from "../api/buscar-medicos";
import { obterAgenda } from "../api/obter-agenda";
import { DIAS_DOS_CHIPS, primeirosHorarios } from "../resultado";
import { nomeDoMedico } from "../tratamento";
import { Estrelas } from "./Estrelas";

interface Props {
  medico: MedicoEncontrado;
  nomesEspecialidades: Map<string, string>;
}

/**
 * The doctor's next free slots as chips: each one opens the doctor's page with that slot chosen
 * and its confirm bar on screen (one tap more to book). Read from the agenda from the next free
 * slot on; until then (or if that read fails) the card names the next slot as text.
 */
function ProximosHorarios({ medico }: { medico: MedicoEncontrado }) {
  const proximo = medico.proximo_horario;
  const agenda = useRecurso(async () => {
    if (!proximo) return [];
    const de = new Date(proximo);
    return (await obterAgenda(medico.id, de, somarDias(de, DIAS_DOS_CHIPS))).horarios;
  }, [medico.id, proximo]);
  if (!proximo) return <span className="rotulo-pequeno">Sem horários livres</span>;
  const horarios = agenda.estado === "pronto" ? primeirosHorarios(agenda.dados, new Date()) : [];
  if (horarios.length === 0) {
    return (
      <>
        <span className="rotulo-pequeno">Próximo horário</span>
        <strong>
          {formatarDiaCurto(proximo)}, {formatarHora(proximo)}
        </strong>
      </>
    );
  }
  const rotuloId = `proximos-${medico.id}`;
  return (
    <>
      <span className="rotulo-pequeno" id={rotuloId}>
        Próximos horários
      </span>
      <ul className="chips" aria-labelledby={rotuloId}>
        {horarios.map((h) => (
          <li key={h.id}>
            <Link
              className="chip"
              to={`/medicos/${medico.id}?horario=${h.id}`}
              title={`Agendar ${formatarDataHora(h.inicio)}`}
            >
              <span className="chip__dia">{formatarDiaCurto(h.inicio)}</span> {formatarHora(h.inicio)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One search result: who, what, how well rated, how far, how much, when free. */
export function CartaoMedico({ medico, nomesEspecialidades }: Props) {
  const especialidades = medico.especialidades.map((s) => nomesEspecialidades.get(s) ?? s).join(", ");
  const nome = nomeDoMedico(medico);
  const iniciais = medico.nome
    .replace(/^(dra?\.?)\s+/i, "")
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0])
    .join("")
    .toUpperCase();
  return (
    <li className="cartao cartao-medico">
      <div className="avatar" aria-hidden="true">
        {iniciais}
      </div>
      <div className="cartao-medico__corpo">
        <h2 className="cartao-medico__nome">
          <Link to={`/medicos/${medico.id}`}>{nome}</Link>
        </h2>
        <p className="cartao-medico__especialidades">{especialidades}</p>
        <p className="cartao-medico__meta">
          <Estrelas media={medico.avaliacao_media} total={medico.total_avaliacoes} />
          {medico.valor_consulta !== null && (
            <span className="cartao-medico__preco">Consulta: {formatarMoeda(medico.valor_consulta)}</span>
          )}
          <span>
            CRM {medico.crm}/{medico.uf}
          </span>
          {medico.endereco && (
            <span>
              {medico.endereco.cidade} – {medico.endereco.uf}
            </span>
          )}
          {medico.distancia_km !== null && <span>a {formatarDistancia(medico.distancia_km)}</span>}
        </p>
      </div>
      <div className="cartao-medico__horario">
        <ProximosHorarios medico={medico} />
        <Link
          to={`/medicos/${medico.id}`}
          className="botao botao--secundario"
          aria-label={`Ver agenda de ${nome}`}
        >
          Ver agenda
        </Link>
      </div>
    </li>
  );
}
