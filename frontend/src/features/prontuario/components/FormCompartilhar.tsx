import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo, Selecao } from "@/components/Campo";
import { dataLocal, somarDias } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import { compartilhar } from "../api/compartilhamentos";
import type { Documento } from "../api/documentos";
import type { MedicoConhecido } from "../api/meus-medicos";
import { DIAS_MAXIMOS, fimDoCompartilhamento, limitesDoCompartilhamento } from "../compartilhamento";

interface Props {
  pacienteId: string;
  medicos: MedicoConhecido[];
  documentos: Documento[];
  aoCompartilhar: (medico: string) => void;
}

/**
 * Shares the whole record, or chosen documents, with one of the patient's doctors until the end
 * of a day the patient picks (any day up to 30 days ahead; a week by default).
 */
export function FormCompartilhar({ pacienteId, medicos, documentos, aoCompartilhar }: Props) {
  const [medicoId, setMedicoId] = useState("");
  const [ate, setAte] = useState(() => dataLocal(somarDias(new Date(), 7)));
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
    const fim = fimDoCompartilhamento(ate, new Date());
    if (!fim) erros.expira_em = `Escolha um dia de hoje até daqui a ${DIAS_MAXIMOS} dias`;
    if (Object.keys(erros).length || !fim) return envio.definirErros(erros);
    const ok = await envio.enviar(() =>
      compartilhar(pacienteId, {
        medico_id: medicoId,
        expira_em: fim.toISOString(),
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
      <Campo
        rotulo="Compartilhar até"
        name="expira_em"
        type="date"
        {...limitesDoCompartilhamento(new Date())}
        value={ate}
        onChange={(e) => setAte(e.target.value)}
        erro={envio.erros.expira_em}
        dica={`O acesso termina no fim desse dia (no máximo ${DIAS_MAXIMOS} dias). Você pode revogar antes.`}
      />
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
