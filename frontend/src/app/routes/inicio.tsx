import { Link, useLocation } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Pagina } from "@/components/Pagina";
import { AgendaNoCelular } from "@/features/consultas/components/AgendaNoCelular";
import { PedidosPendentes } from "@/features/consultas/components/PedidosPendentes";
import { ProximasConsultas } from "@/features/consultas/components/ProximasConsultas";
import { SaudacaoMedico } from "@/features/medicos/components/SaudacaoMedico";
import { SaudacaoPaciente } from "@/features/paciente/components/Saudacao";
import { useSessao } from "@/lib/session";
import "./inicio.css";

/** Whether the home was reached right after signing up (the sign-up page says so). */
function acabouDeSeCadastrar(estado: unknown): boolean {
  return typeof estado === "object" && estado !== null && "boasVindas" in estado;
}

/** /inicio: the signed-in home, by role; right after signing up it starts with a welcome. */
export function InicioRota() {
  const sessao = useSessao();
  const local = useLocation();
  const medico = sessao?.papel === "medico";
  return (
    <Pagina
      titulo="Minha área"
      cabecalho={
        !sessao ? (
          "Minha área"
        ) : medico ? (
          <SaudacaoMedico medicoId={sessao.usuarioId} />
        ) : (
          <SaudacaoPaciente pacienteId={sessao.usuarioId} />
        )
      }
    >
      {acabouDeSeCadastrar(local.state) && (
        <Alerta tipo="sucesso">
          <p>
            <strong>Boas-vindas ao HealthMed!</strong> Sua conta está pronta e enviamos um e-mail de
            boas-vindas. Comece buscando um médico pela especialidade ou pelo primeiro horário livre.
          </p>
        </Alerta>
      )}
      <p className="subtitulo">
        {medico
          ? "Você entrou com seu CRM. Aqui você acompanha sua agenda e suas consultas."
          : "Você entrou como paciente. Encontre um médico e agende sua teleconsulta."}
      </p>
      {medico && <PedidosPendentes />}
      {sessao && <ProximasConsultas papel={sessao.papel} />}
      <div className="grade-atalhos">
        <Link to="/consultas" className="atalho">
          <strong>{medico ? "Consultas" : "Minhas consultas"}</strong>
          <span>
            {medico
              ? "Pedidos para aceitar ou recusar e próximas consultas"
              : "Status, cancelamento e histórico"}
          </span>
        </Link>
        {medico && (
          <Link to="/agenda" className="atalho">
            <strong>Minha agenda</strong>
            <span>Abra horários por semana, repita e exclua</span>
          </Link>
        )}
        {medico && (
          <Link to="/compartilhados" className="atalho">
            <strong>Prontuários compartilhados</strong>
            <span>Documentos que pacientes liberaram para você</span>
          </Link>
        )}
        {!medico && (
          <Link to="/prontuario" className="atalho">
            <strong>Meu prontuário</strong>
            <span>Envie exames, compartilhe e veja quem acessou</span>
          </Link>
        )}
        {!medico && (
          <Link to="/buscar" className="atalho">
            <strong>Buscar médicos</strong>
            <span>Por especialidade, distância e avaliação</span>
          </Link>
        )}
        {medico && (
          <Link to="/meu-perfil" className="atalho">
            <strong>Meu perfil</strong>
            <span>Especialidades, valor, consultório e localização</span>
          </Link>
        )}
        {!medico && (
          <Link to="/perfil" className="atalho">
            <strong>Meus dados</strong>
            <span>Nome, contato e endereço</span>
          </Link>
        )}
        <Link to="/recuperar-senha" className="atalho">
          <strong>Trocar senha</strong>
          <span>Receba um link por e-mail</span>
        </Link>
      </div>
      {sessao && <AgendaNoCelular />}
    </Pagina>
  );
}
