import { useState } from "react";
import { Link, useParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { formatarDataHora } from "@/lib/format";
import { useRecurso } from "@/lib/use-recurso";
import { listarEvolucoes, obterConsulta, type Evolucao } from "../api/registro-clinico";
import { EvolucaoAssinada } from "../components/Evolucao";
import { FormAtestado } from "../components/FormAtestado";
import { FormEvolucao } from "../components/FormEvolucao";
import { FormReceita } from "../components/FormReceita";
import "../prontuario.css";

/** /consultas/:consultaId/registro: the doctor writes and signs the consultation's note and
 * issues signed prescriptions (CFM 2.314/2022: every teleconsultation is recorded). */
export function RegistroClinicoRota() {
  const { consultaId = "" } = useParams();
  const consulta = useRecurso(() => obterConsulta(consultaId), [consultaId]);
  if (consulta.estado === "carregando") return <Carregando />;
  if (consulta.estado === "erro") {
    return (
      <Pagina titulo="Registro clínico">
        <Alerta tipo="erro">{consulta.mensagem}</Alerta>
      </Pagina>
    );
  }
  const c = consulta.dados;
  const atendida = c.status === "confirmada" || c.status === "realizada";
  return (
    <Pagina titulo="Registro clínico">
      <p className="subtitulo">
        {c.paciente.nome} · consulta de {formatarDataHora(c.inicio)} ·{" "}
        <Link to="/consultas">Voltar às consultas</Link>
      </p>
      {atendida ? (
        <Registro pacienteId={c.paciente.id} consultaId={c.id} />
      ) : (
        <Alerta tipo="info">Só há registro clínico de consulta confirmada ou realizada.</Alerta>
      )}
    </Pagina>
  );
}

function Registro({ pacienteId, consultaId }: { pacienteId: string; consultaId: string }) {
  const [versao, setVersao] = useState(0);
  const [aviso, setAviso] = useState<string | null>(null);
  const notas = useRecurso(() => listarEvolucoes(pacienteId, consultaId), [pacienteId, consultaId, versao]);

  function mudou(_: Evolucao, texto: string) {
    setAviso(texto);
    setVersao((v) => v + 1);
  }

  const nota = notas.estado === "pronto" ? (notas.dados[0] ?? null) : null;
  return (
    <div className="registro-clinico">
      {aviso && <Alerta tipo="sucesso">{aviso}</Alerta>}
      <section className="cartao" aria-labelledby="titulo-evolucao">
        <h2 id="titulo-evolucao">Evolução</h2>
        {notas.estado === "carregando" && <Carregando />}
        {notas.estado === "erro" && <Alerta tipo="erro">{notas.mensagem}</Alerta>}
        {notas.estado === "pronto" &&
          (nota?.status === "assinada" ? (
            <EvolucaoAssinada
              evolucao={nota}
              titulo="Evolução assinada"
              aoAdendar={(nova) => mudou(nova, "Adendo assinado.")}
            />
          ) : (
            <FormEvolucao
              key={nota?.id ?? "nova"}
              pacienteId={pacienteId}
              consultaId={consultaId}
              rascunho={nota}
              aoMudar={mudou}
            />
          ))}
      </section>
      <section className="cartao" aria-labelledby="titulo-receita">
        <h2 id="titulo-receita">Receita simples</h2>
        <FormReceita pacienteId={pacienteId} consultaId={consultaId} />
      </section>
      <section className="cartao" aria-labelledby="titulo-atestado">
        <h2 id="titulo-atestado">Atestado</h2>
        <FormAtestado pacienteId={pacienteId} consultaId={consultaId} />
      </section>
    </div>
  );
}
