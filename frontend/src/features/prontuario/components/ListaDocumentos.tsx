import { useState } from "react";
import { Alerta } from "@/components/Alerta";
import { formatarDataHoraCurta, formatarTamanho } from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { linkDoDocumento, type Documento } from "../api/documentos";
import { CATEGORIAS } from "./EnvioDocumento";

// Certificates are issued by doctors only (never uploaded), so they are not an upload choice.
const ROTULO = new Map([
  ...CATEGORIAS.map((c) => [c.valor as string, c.rotulo] as const),
  ["atestado", "Atestado"],
]);

/** The documents, each downloaded through a short-lived signed link. */
export function ListaDocumentos({ pacienteId, documentos }: { pacienteId: string; documentos: Documento[] }) {
  const [erro, setErro] = useState<string | null>(null);

  async function baixar(doc: Documento) {
    setErro(null);
    try {
      // The signed link lives a few minutes and answers the file as an attachment.
      const link = document.createElement("a");
      link.href = await linkDoDocumento(pacienteId, doc.id);
      link.download = doc.nome;
      link.rel = "noopener";
      document.body.append(link);
      link.click();
      link.remove();
    } catch (falha) {
      setErro(mensagemDoProblema(problemaDe(falha)));
    }
  }

  return (
    <>
      {erro && <Alerta tipo="erro">{erro}</Alerta>}
      <ul className="documentos">
        {documentos.map((d) => (
          <li key={d.id} className="documento">
            <div className="documento__icone" aria-hidden="true">
              {d.tipo_conteudo === "application/pdf"
                ? "PDF"
                : d.tipo_conteudo.startsWith("image/")
                  ? "IMG"
                  : "TXT"}
            </div>
            <div className="documento__corpo">
              <strong className="documento__nome">{d.nome}</strong>
              <span className="documento__meta">
                {ROTULO.get(d.categoria) ?? d.categoria} · {formatarTamanho(d.tamanho)} ·{" "}
                {formatarDataHoraCurta(d.criado_em)}
                {d.status !== "disponivel" && " · envio incompleto"}
              </span>
            </div>
            {d.status === "disponivel" && (
              <button
                type="button"
                className="botao botao--secundario"
                onClick={() => baixar(d)}
                aria-label={`Baixar ${d.nome}`}
              >
                Baixar
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
