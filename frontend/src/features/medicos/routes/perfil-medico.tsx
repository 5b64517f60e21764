import { useState } from "react";
import { Link } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { useSessao } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import { listarEspecialidades } from "../api/listar-especialidades";
import { obterMedico } from "../api/obter-medico";
import { FormPerfilMedico } from "../components/FormPerfilMedico";
import "../medicos.css";

/** /meu-perfil: the doctor's public profile, as patients see it in the search. */
export function PerfilMedicoRota() {
  const sessao = useSessao();
  const id = sessao?.usuarioId ?? "";
  const [versao, setVersao] = useState(0);
  const [salvo, setSalvo] = useState(false);
  const medico = useRecurso(() => obterMedico(id), [id, versao]);
  const especialidades = useRecurso(listarEspecialidades, []);
  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Meu perfil">
        <p className="subtitulo">
          É o que os pacientes veem na busca. <Link to={`/medicos/${id}`}>Ver meu perfil público</Link>
        </p>
        {salvo && <Alerta tipo="sucesso">Perfil salvo.</Alerta>}
        {(medico.estado === "carregando" || especialidades.estado === "carregando") && <Carregando />}
        {medico.estado === "erro" && <Alerta tipo="erro">{medico.mensagem}</Alerta>}
        {medico.estado === "pronto" && especialidades.estado === "pronto" && (
          <FormPerfilMedico
            key={versao}
            medico={medico.dados}
            especialidades={especialidades.dados}
            aoSalvar={() => {
              setSalvo(true);
              setVersao((v) => v + 1);
            }}
          />
        )}
      </Pagina>
    </div>
  );
}
