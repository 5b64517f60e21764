import { Link } from "react-router";
import { formatarDiaCurto, formatarDistancia, formatarHora } from "@/lib/format";
import type { MedicoEncontrado } from "../api/buscar-medicos";
import { Estrelas } from "./Estrelas";

interface Props {
  medico: MedicoEncontrado;
  nomesEspecialidades: Map<string, string>;
}

/** One search result: who, what, how well rated, how far, when free. */
export function CartaoMedico({ medico, nomesEspecialidades }: Props) {
  const especialidades = medico.especialidades.map((s) => nomesEspecialidades.get(s) ?? s).join(", ");
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
          <Link to={`/medicos/${medico.id}`}>{medico.nome}</Link>
        </h2>
        <p className="cartao-medico__especialidades">{especialidades}</p>
        <p className="cartao-medico__meta">
          <Estrelas media={medico.avaliacao_media} total={medico.total_avaliacoes} />
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
        {medico.proximo_horario ? (
          <>
            <span className="rotulo-pequeno">Próximo horário</span>
            <strong>
              {formatarDiaCurto(medico.proximo_horario)}, {formatarHora(medico.proximo_horario)}
            </strong>
          </>
        ) : (
          <span className="rotulo-pequeno">Sem horários livres</span>
        )}
        <Link
          to={`/medicos/${medico.id}`}
          className="botao botao--secundario"
          aria-label={`Ver agenda de ${medico.nome}`}
        >
          Ver agenda
        </Link>
      </div>
    </li>
  );
}
