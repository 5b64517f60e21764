import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto, Campo } from "@/components/Campo";
import { useEnvio } from "@/lib/use-envio";
import { emitirReceita, type Emitido } from "../api/registro-clinico";

/** What was just issued: its verification code, the signed PDF, the public check. */
export function DocumentoEmitido({
  emitido,
  nome,
  baixar,
}: {
  emitido: Emitido;
  nome: string;
  baixar: string;
}) {
  return (
    <Alerta tipo="sucesso">
      {nome}. Código de verificação: <strong>{emitido.codigo}</strong>.{" "}
      <a href={emitido.download.url} download={emitido.documento.nome}>
        {baixar}
      </a>{" "}
      · <Link to={`/verificar/${emitido.codigo}`}>Ver a verificação</Link>
    </Alerta>
  );
}

/** A simple prescription of one medication, issued as a signed PDF into the patient's record. */
export function FormReceita({ pacienteId, consultaId }: { pacienteId: string; consultaId: string }) {
  const [medicamento, setMedicamento] = useState("");
  const [dose, setDose] = useState("");
  const [posologia, setPosologia] = useState("");
  const [duracao, setDuracao] = useState("");
  const [observacoes, setObservacoes] = useState("");
  const [emitido, setEmitido] = useState<Emitido | null>(null);
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const faltando: Record<string, string> = {};
    for (const [campo, valor] of Object.entries({ medicamento, dose, posologia, duracao })) {
      if (!valor.trim()) faltando[`itens.0.${campo}`] = "Preencha este campo";
    }
    if (Object.keys(faltando).length) {
      envio.definirErros(faltando);
      return;
    }
    await envio.enviar(async () => {
      setEmitido(
        await emitirReceita(pacienteId, consultaId, [{ medicamento, dose, posologia, duracao }], observacoes),
      );
    });
  }

  const erro = (campo: string) => envio.erros[`itens.0.${campo}`] ?? envio.erros[campo];
  return (
    <form className="formulario" aria-label="Emitir receita" onSubmit={enviar} noValidate>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      {emitido && (
        <DocumentoEmitido emitido={emitido} nome="Receita assinada emitida" baixar="Baixar receita (PDF)" />
      )}
      <Campo
        rotulo="Medicamento"
        value={medicamento}
        onChange={(e) => setMedicamento(e.target.value)}
        erro={erro("medicamento")}
        maxLength={300}
      />
      <Campo
        rotulo="Dose"
        value={dose}
        onChange={(e) => setDose(e.target.value)}
        erro={erro("dose")}
        maxLength={300}
      />
      <Campo
        rotulo="Posologia"
        value={posologia}
        onChange={(e) => setPosologia(e.target.value)}
        erro={erro("posologia")}
        maxLength={300}
      />
      <Campo
        rotulo="Duração"
        value={duracao}
        onChange={(e) => setDuracao(e.target.value)}
        erro={erro("duracao")}
        maxLength={300}
      />
      <AreaTexto
        rotulo="Observações (opcional)"
        rows={2}
        maxLength={2000}
        value={observacoes}
        onChange={(e) => setObservacoes(e.target.value)}
        erro={erro("observacoes")}
      />
      <div className="acoes-form">
        <Botao type="submit" carregando={envio.enviando}>
          Emitir receita assinada
        </Botao>
      </div>
    </form>
  );
}
