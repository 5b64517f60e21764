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
        const doc = a.documento_id ? (nomes.get(a.documento_id) ?? "um documento") : null;
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
