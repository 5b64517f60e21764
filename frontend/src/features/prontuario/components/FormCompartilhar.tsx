import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Selecao } from "@/components/Campo";
import { useEnvio } from "@/lib/use-envio";
import { compartilhar } from "../api/compartilhamentos";
import type { Documento } from "../api/documentos";
import type { MedicoConhecido } from "../api/meus-medicos";

const DURACOES = [
  { horas: 1, rotulo: "1 hora" },
  { horas: 24, rotulo: "24 horas" },
  { horas: 72, rotulo: "3 dias" },
  { horas: 168, rotulo: "7 dias" },
  { horas: 720, rotulo: "30 dias" },
];

interface Props {
  pacienteId: string;
  medicos: MedicoConhecido[];
  documentos: Documento[];
  aoCompartilhar: (medico: string) => void;
}

/** Shares the whole record, or chosen documents, with one of the patient's doctors for a while. */
export function FormCompartilhar({ pacienteId, medicos, documentos, aoCompartilhar }: Props) {
  const [medicoId, setMedicoId] = useState("");
  const [horas, setHoras] = useState("24");
  const [tudo, setTudo] = useState(true);
  const [escolhidos, setEscolhidos] = useState<Set<string>>(new Set());
  const envio = useEnvio();

  if (medicos.length === 0) {
    return (
      <p className="subtitulo">
        Depois de agendar uma consulta, você poderá compartilhar seu prontuário com o médico.
      </p>
    );
  }

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const erros: Record<string, string> = {};
    if (!medicoId) erros.medico_id = "Escolha o médico";
    if (!tudo && escolhidos.size === 0) erros.documentos = "Escolha pelo menos um documento";
    if (Object.keys(erros).length) return envio.definirErros(erros);
    const ok = await envio.enviar(() =>
      compartilhar(pacienteId, {
        medico_id: medicoId,
        duracao_horas: Number(horas),
        ...(tudo ? {} : { documentos: [...escolhidos] }),
      }),
    );
    if (ok) aoCompartilhar(medicos.find((m) => m.id === medicoId)?.nome ?? "o médico");
  }

  function alternar(id: string) {
    setEscolhidos((atual) => {
      const novo = new Set(atual);
      if (novo.has(id)) novo.delete(id);
      else novo.add(id);
      return novo;
    });
  }

  const disponiveis = documentos.filter((d) => d.status === "disponivel");
  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Compartilhar prontuário">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Selecao
        rotulo="Médico"
        name="medico_id"
        value={medicoId}
        onChange={(e) => setMedicoId(e.target.value)}
        erro={envio.erros.medico_id}
      >
        <option value="">Escolha</option>
        {medicos.map((m) => (
          <option key={m.id} value={m.id}>
            {m.nome} (CRM {m.crm}/{m.uf})
          </option>
        ))}
      </Selecao>
      <Selecao
        rotulo="Por quanto tempo"
        name="duracao_horas"
        value={horas}
        onChange={(e) => setHoras(e.target.value)}
        erro={envio.erros.duracao_horas}
      >
        {DURACOES.map((d) => (
          <option key={d.horas} value={d.horas}>
            {d.rotulo}
          </option>
        ))}
      </Selecao>
      <fieldset className="campo escolha">
        <legend>O que compartilhar</legend>
        <label className="opcao">
          <input type="radio" name="escopo" checked={tudo} onChange={() => setTudo(true)} />
          Todo o prontuário (inclui documentos novos)
        </label>
        <label className="opcao">
          <input type="radio" name="escopo" checked={!tudo} onChange={() => setTudo(false)} />
          Só alguns documentos
        </label>
        {!tudo && (
          <div className="escolha__documentos">
            {disponiveis.map((d) => (
              <label key={d.id} className="opcao">
                <input type="checkbox" checked={escolhidos.has(d.id)} onChange={() => alternar(d.id)} />
                {d.nome}
              </label>
            ))}
            {envio.erros.documentos && <span className="campo__erro">{envio.erros.documentos}</span>}
          </div>
        )}
      </fieldset>
      <Botao type="submit" carregando={envio.enviando}>
        Compartilhar
      </Botao>
    </form>
  );
}
