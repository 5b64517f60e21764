import { useState } from "react";
import { useParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { formatarDataHora } from "@/lib/format";
import { useRecurso } from "@/lib/use-recurso";
import { sha256DoArquivo } from "../api/documentos";
import { verificarCodigo, type Verificacao } from "../api/registro-clinico";
import "../prontuario.css";

const TIPOS: Record<string, string> = {
  receita: "Receita simples emitida",
  atestado: "Atestado médico emitido",
};

/** /verificar/:codigo (public, the QR code of a signed PDF): whether a document is authentic,
 * who signed it and when; a PDF picked here is compared with the one issued, in the browser. */
export function VerificarRota() {
  const { codigo = "" } = useParams();
  const verificacao = useRecurso(() => verificarCodigo(codigo), [codigo]);
  return (
    <Pagina titulo="Verificação de documento">
      <p className="subtitulo">Código {codigo}</p>
      {verificacao.estado === "carregando" && <Carregando />}
      {verificacao.estado === "erro" && (
        <Alerta tipo="erro">
          {verificacao.status === 404
            ? "Nenhum documento foi emitido com este código. Confira o código impresso no documento."
            : verificacao.mensagem}
        </Alerta>
      )}
      {verificacao.estado === "pronto" && <Resultado v={verificacao.dados} />}
    </Pagina>
  );
}

function Resultado({ v }: { v: Verificacao }) {
  const [conferido, setConferido] = useState<boolean | null>(null);

  async function conferir(arquivo: File | undefined) {
    setConferido(null);
    if (arquivo) setConferido((await sha256DoArquivo(arquivo)) === v.sha256);
  }

  return (
    <section className="cartao" aria-labelledby="titulo-verificacao">
      <h2 id="titulo-verificacao">Documento autêntico</h2>
      <p>
        {TIPOS[v.tipo] ?? v.tipo} em {formatarDataHora(v.emitido_em)} por {v.medico.nome} (CRM {v.medico.crm}/
        {v.medico.uf}), assinado digitalmente.
      </p>
      {v.certificado === "teste" && (
        <Alerta tipo="info">
          Assinado com certificado de TESTE do HealthMed: não é ICP-Brasil e não vale como assinatura
          qualificada.
        </Alerta>
      )}
      <div className="campo">
        <label htmlFor="pdf-a-conferir">Conferir se o seu PDF não foi alterado</label>
        <input
          id="pdf-a-conferir"
          type="file"
          accept="application/pdf"
          onChange={(e) => conferir(e.target.files?.[0])}
        />
      </div>
      {conferido === true && <Alerta tipo="sucesso">O arquivo é idêntico ao documento emitido.</Alerta>}
      {conferido === false && (
        <Alerta tipo="erro">O arquivo é diferente do documento emitido: ele foi alterado.</Alerta>
      )}
    </section>
  );
}
