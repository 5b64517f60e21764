import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto } from "@/components/Campo";
import { formatarDataHoraCurta } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import { adendarEvolucao, type Evolucao } from "../api/registro-clinico";

const CAMPOS: { chave: "queixa_principal" | "avaliacao" | "plano" | "texto"; rotulo: string }[] = [
  { chave: "queixa_principal", rotulo: "Queixa principal" },
  { chave: "avaliacao", rotulo: "Avaliação" },
  { chave: "plano", rotulo: "Plano" },
  { chave: "texto", rotulo: "Evolução" },
];

/** A signed note, read-only, with its addenda; its author may add one (`aoAdendar`). */
export function EvolucaoAssinada({
  evolucao: e,
  titulo,
  aoAdendar,
}: {
  evolucao: Evolucao;
  titulo: string;
  aoAdendar?: (nova: Evolucao) => void;
}) {
  return (
    <article className="evolucao" aria-label={titulo}>
      <h3 className="evolucao__titulo">{titulo}</h3>
      <p className="evolucao__assinatura">
        Assinada em {e.assinada_em ? formatarDataHoraCurta(e.assinada_em) : "—"}
      </p>
      <dl className="evolucao__campos">
        {CAMPOS.filter((c) => e[c.chave]).map((c) => (
          <div key={c.chave}>
            <dt>{c.rotulo}</dt>
            <dd>{e[c.chave]}</dd>
          </div>
        ))}
        {e.cid10.length > 0 && (
          <div>
            <dt>CID-10</dt>
            <dd>{e.cid10.join(", ")}</dd>
          </div>
        )}
      </dl>
      {e.adendos.length > 0 && (
        <>
          <h4>Adendos</h4>
          <ol className="evolucao__adendos">
            {e.adendos.map((a) => (
              <li key={a.id}>
                <time dateTime={a.assinado_em}>{formatarDataHoraCurta(a.assinado_em)}</time> {a.texto}
              </li>
            ))}
          </ol>
        </>
      )}
      {aoAdendar && <FormAdendo evolucao={e} aoAdendar={aoAdendar} />}
    </article>
  );
}

function FormAdendo({ evolucao, aoAdendar }: { evolucao: Evolucao; aoAdendar: (nova: Evolucao) => void }) {
  const [texto, setTexto] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (!texto.trim()) {
      envio.definirErros({ texto: "Escreva o adendo" });
      return;
    }
    await envio.enviar(async () => {
      aoAdendar(await adendarEvolucao(evolucao.paciente_id, evolucao.id, texto.trim()));
      setTexto("");
    });
  }

  return (
    <form className="formulario" aria-label="Registrar adendo" onSubmit={enviar} noValidate>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <AreaTexto
        rotulo="Adendo"
        dica="A evolução assinada não muda: a correção fica registrada como adendo, assinado e datado."
        rows={3}
        maxLength={5000}
        value={texto}
        onChange={(e) => setTexto(e.target.value)}
        erro={envio.erros.texto}
      />
      <div className="acoes-form">
        <Botao type="submit" carregando={envio.enviando}>
          Assinar adendo
        </Botao>
      </div>
    </form>
  );
}
