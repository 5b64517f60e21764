import { useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Carregando } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { useSessao } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import { obterPaciente } from "../api/obter-paciente";
import { EncerrarConta } from "../components/EncerrarConta";
import { FormPerfil } from "../components/FormPerfil";

/** /perfil: the patient's own registration data; closing the account at the bottom. */
export function PerfilRota() {
  const sessao = useSessao();
  const id = sessao?.usuarioId ?? "";
  const [versao, setVersao] = useState(0);
  const [salvo, setSalvo] = useState(false);
  const paciente = useRecurso(() => obterPaciente(id), [id, versao]);
  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Meus dados">
        {salvo && <Alerta tipo="sucesso">Dados salvos.</Alerta>}
        {paciente.estado === "carregando" && <Carregando />}
        {paciente.estado === "erro" && <Alerta tipo="erro">{paciente.mensagem}</Alerta>}
        {paciente.estado === "pronto" && (
          <FormPerfil
            key={versao}
            paciente={paciente.dados}
            aoSalvar={() => {
              setSalvo(true);
              setVersao((v) => v + 1);
            }}
          />
        )}
        {paciente.estado === "pronto" && <EncerrarConta pacienteId={id} />}
      </Pagina>
    </div>
  );
}
