import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto, Campo } from "@/components/Campo";
import { useEnvio } from "@/lib/use-envio";
import { emitirAtestado, type Emitido } from "../api/registro-clinico";
import { DocumentoEmitido } from "./FormReceita";

/** A medical certificate, issued as a signed PDF into the patient's record; the CID goes on it
 * only when the patient authorised it (CFM 1.658/2002). */
export function FormAtestado({ pacienteId, consultaId }: { pacienteId: string; consultaId: string }) {
  const [dias, setDias] = useState("1");
  const [cid, setCid] = useState("");
  const [autorizado, setAutorizado] = useState(false);
  const [observacoes, setObservacoes] = useState("");
  const [emitido, setEmitido] = useState<Emitido | null>(null);
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const n = Number(dias);
    if (!Number.isInteger(n) || n < 0 || n > 365) {
      envio.definirErros({ dias_afastamento: "De 0 a 365 dias" });
      return;
    }
    await envio.enviar(async () => {
      setEmitido(
        await emitirAtestado(pacienteId, consultaId, {
          dias_afastamento: n,
          cid10: cid.trim() || null,
          autorizacao_cid: autorizado,
          observacoes,
        }),
      );
    });
  }

  return (
    <form className="formulario" aria-label="Emitir atestado" onSubmit={enviar} noValidate>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      {emitido && (
        <DocumentoEmitido emitido={emitido} nome="Atestado assinado emitido" baixar="Baixar atestado (PDF)" />
      )}
      <Campo
        rotulo="Dias de afastamento"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        value={dias}
        onChange={(e) => setDias(e.target.value)}
        erro={envio.erros.dias_afastamento}
      />
      <Campo
        rotulo="CID-10 (opcional)"
        dica="Só vai no atestado se o paciente autorizar."
        value={cid}
        onChange={(e) => setCid(e.target.value)}
        erro={envio.erros.cid10}
        maxLength={10}
        autoComplete="off"
      />
      <label className="opcao">
        <input type="checkbox" checked={autorizado} onChange={(e) => setAutorizado(e.target.checked)} />O
        paciente autorizou o CID no atestado
      </label>
      <AreaTexto
        rotulo="Observações do atestado (opcional)"
        rows={2}
        maxLength={2000}
        value={observacoes}
        onChange={(e) => setObservacoes(e.target.value)}
        erro={envio.erros.observacoes}
      />
      <div className="acoes-form">
        <Botao type="submit" carregando={envio.enviando}>
          Emitir atestado assinado
        </Botao>
      </div>
    </form>
  );
}
