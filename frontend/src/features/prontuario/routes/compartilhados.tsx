import { Link, useParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando, Vazio } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { contagem, formatarDataHoraCurta } from "@/lib/format";
import { useRecurso } from "@/lib/use-recurso";
import { listarCompartilhados } from "../api/compartilhamentos";
import { listarDocumentos } from "../api/documentos";
import { ListaDocumentos } from "../components/ListaDocumentos";
import "../prontuario.css";

/** /compartilhados: the records patients shared with the doctor, with their expiry. */
export function CompartilhadosRota() {
  const compartilhados = useRecurso(listarCompartilhados, []);
  return (
    <Pagina titulo="Prontuários compartilhados">
      <p className="subtitulo">O acesso termina quando o paciente revoga ou quando o prazo acaba.</p>
      {compartilhados.estado === "carregando" && <Carregando />}
      {compartilhados.estado === "erro" && <Alerta tipo="erro">{compartilhados.mensagem}</Alerta>}
      {compartilhados.estado === "pronto" &&
        (compartilhados.dados.length === 0 ? (
          <Vazio titulo="Nenhum prontuário compartilhado com você" />
        ) : (
          <ul className="compartilhamentos">
            {compartilhados.dados.map((c) => (
              <li key={c.id} className="cartao compartilhamento">
                <div>
                  <strong>{c.paciente.nome}</strong>
                  <span className="documento__meta">
                    {c.documentos
                      ? contagem(c.documentos.length, "documento", "documentos")
                      : "Todo o prontuário"}{" "}
                    · até {formatarDataHoraCurta(c.expira_em)}
                  </span>
                </div>
                <Link className="botao botao--secundario" to={`/compartilhados/${c.paciente_id}`}>
                  Ver documentos
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </Pagina>
  );
}

/** /compartilhados/:pacienteId: the documents a share lets the doctor open, naming whose record
 * it is and until when the access lasts. */
export function DocumentosCompartilhadosRota() {
  const { pacienteId = "" } = useParams();
  const documentos = useRecurso(() => listarDocumentos(pacienteId), [pacienteId]);
  const compartilhados = useRecurso(listarCompartilhados, []);
  const share =
    compartilhados.estado === "pronto"
      ? compartilhados.dados.find((c) => c.paciente_id === pacienteId)
      : undefined;
  return (
    <Pagina titulo={share ? `Prontuário de ${share.paciente.nome}` : "Documentos do paciente"}>
      <p>
        <Link to="/compartilhados">‹ Voltar</Link>
      </p>
      {share && (
        <p className="subtitulo">
          {share.documentos
            ? `${contagem(share.documentos.length, "documento compartilhado", "documentos compartilhados")}`
            : "Todo o prontuário"}
          {" · "}acesso até {formatarDataHoraCurta(share.expira_em)}
        </p>
      )}
      {documentos.estado === "carregando" && <Carregando />}
      {documentos.estado === "erro" && <Alerta tipo="erro">{documentos.mensagem}</Alerta>}
      {documentos.estado === "pronto" &&
        (documentos.dados.length === 0 ? (
          <Vazio titulo="Nenhum documento disponível" />
        ) : (
          <section className="cartao">
            <ListaDocumentos pacienteId={pacienteId} documentos={documentos.dados} />
          </section>
        ))}
    </Pagina>
  );
}
