import { formatarDataHoraCurta } from "@/lib/format";
import type { Acesso } from "../api/compartilhamentos";
import type { Documento } from "../api/documentos";
import { agruparAcessos } from "../compartilhamento";

const ACOES: Record<string, string> = {
  listagem: "viu a lista de documentos",
  link_download: "baixou",
  compartilhamento: "compartilhou o prontuário",
  revogacao: "revogou um compartilhamento",
  exportacao: "exportou todos os dados",
  encerramento: "encerrou a conta",
  evolucao_leitura: "leu uma evolução clínica",
  evolucao_escrita: "escreveu numa evolução clínica",
  emissao: "emitiu",
};

/**
 * The access log: who did what to the record, and when (newest first); a run of the same entry
 * is one line that says how many times and since when.
 */
export function Acessos({ acessos, documentos }: { acessos: Acesso[]; documentos: Documento[] }) {
  const nomes = new Map(documentos.map((d) => [d.id, d.nome]));
  if (acessos.length === 0) return <p className="subtitulo">Nenhum acesso registrado.</p>;
  return (
    <ol className="acessos">
      {agruparAcessos(acessos).map(({ acesso: a, vezes, desde }, i) => {
        const quem = a.usuario.papel === "paciente" ? "Você" : `${a.usuario.nome ?? "Médico"} (médico)`;
        // A note's id is in documento_id too: it is named by the action, not as a document.
        const nota = a.acao.startsWith("evolucao_");
        const doc = a.documento_id && !nota ? (nomes.get(a.documento_id) ?? "um documento") : null;
        return (
          <li key={`${a.quando}-${i}`}>
            <time dateTime={a.quando}>{formatarDataHoraCurta(a.quando)}</time>
            <span>
              <strong>{quem}</strong> {ACOES[a.acao] ?? a.acao}
              {doc ? ` ${doc}` : ""}
              {vezes > 1 && ` ${vezes} vezes, desde ${formatarDataHoraCurta(desde)}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
