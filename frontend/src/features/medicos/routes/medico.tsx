import { Link, useParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { formatarMoeda } from "@/lib/format";
import { useRecurso } from "@/lib/use-recurso";
import { listarEspecialidades } from "../api/listar-especialidades";
import { obterMedico } from "../api/obter-medico";
import { AgendaSemana } from "../components/AgendaSemana";
import { AvaliacoesDoMedico } from "../components/AvaliacoesDoMedico";
import { AvisoDeHorario } from "../components/AvisoDeHorario";
import { Estrelas } from "../components/Estrelas";
import { doMedico, nomeDoMedico } from "../tratamento";
import "../medicos.css";

/** /medicos/:id: the doctor's public profile and the week's free slots. */
export function MedicoRota() {
  const { medicoId = "" } = useParams();
  const medico = useRecurso(() => obterMedico(medicoId), [medicoId]);
  const especialidades = useRecurso(listarEspecialidades, []);

  if (medico.estado === "carregando") return <Carregando texto="Carregando perfil…" />;
  if (medico.estado === "erro") {
    return (
      <Pagina titulo={medico.status === 404 ? "Médico não encontrado" : "Não foi possível abrir o perfil"}>
        <Alerta tipo="erro">{medico.mensagem}</Alerta>
        <p>
          <Link to="/buscar">Voltar para a busca</Link>
        </p>
      </Pagina>
    );
  }
  const m = medico.dados;
  const nomes = new Map(
    especialidades.estado === "pronto" ? especialidades.dados.map((e) => [e.slug, e.nome]) : [],
  );
  return (
    <div className="perfil-medico">
      <p className="migalhas">
        <Link to="/buscar">‹ Voltar para a busca</Link>
      </p>
      <section className="cartao perfil-medico__cabecalho">
        <Pagina titulo={nomeDoMedico(m)}>
          <p className="perfil-medico__especialidades">
            {m.especialidades.map((s) => nomes.get(s) ?? s).join(", ")}
          </p>
          <p className="cartao-medico__meta">
            <Estrelas media={m.avaliacao_media} total={m.total_avaliacoes} />
            <span>
              CRM {m.crm}/{m.uf}
            </span>
            {m.valor_consulta !== null && <span>Consulta: {formatarMoeda(m.valor_consulta)}</span>}
          </p>
          {m.endereco && (
            <p className="perfil-medico__endereco">
              {m.endereco.logradouro}, {m.endereco.cidade} – {m.endereco.uf}
            </p>
          )}
          {m.bio && <p className="perfil-medico__bio">{m.bio}</p>}
        </Pagina>
      </section>
      <AgendaSemana medicoId={m.id} medicoNome={nomeDoMedico(m)} doMedico={doMedico(m)} />
      <AvisoDeHorario medicoId={m.id} />
      <AvaliacoesDoMedico medicoId={m.id} medicoNome={nomeDoMedico(m)} />
    </div>
  );
}
