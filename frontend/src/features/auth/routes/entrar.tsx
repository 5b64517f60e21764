import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Abas } from "@/components/Abas";
import { Alerta } from "@/components/Alerta";
import { Pagina } from "@/components/Pagina";
import { consumirMotivoSaida, type Sessao } from "@/lib/session";
import { FormEntrarMedico } from "../components/FormEntrarMedico";
import { FormEntrarPaciente } from "../components/FormEntrarPaciente";

type Perfil = "paciente" | "medico";

/** Only same-site paths are followed after login (never an open redirect). */
function destinoSeguro(proximo: string | null): string | null {
  return proximo && proximo.startsWith("/") && !proximo.startsWith("//") ? proximo : null;
}

/** /entrar: login with two tabs, patient (e-mail or CPF) and doctor (CRM + UF). */
export function EntrarRota() {
  const [params, setParams] = useSearchParams();
  const navegar = useNavigate();
  const perfil: Perfil = params.get("perfil") === "medico" ? "medico" : "paciente";
  const [motivo] = useState(consumirMotivoSaida);
  const aviso = params.get("aviso");

  function aoEntrar(_sessao: Sessao) {
    navegar(destinoSeguro(params.get("proximo")) ?? "/inicio", { replace: true });
  }

  function trocar(novo: Perfil) {
    const proximos = new URLSearchParams(params);
    proximos.set("perfil", novo);
    proximos.delete("aviso");
    setParams(proximos, { replace: true });
  }

  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Entrar">
        <p className="subtitulo">Acesse sua conta para agendar e acompanhar suas consultas.</p>
        {motivo === "expirada" && <Alerta tipo="info">Sua sessão expirou. Entre novamente.</Alerta>}
        {aviso === "senha-alterada" && (
          <Alerta tipo="sucesso">Senha alterada. Entre com a nova senha.</Alerta>
        )}
        {aviso === "conta-criada" && <Alerta tipo="sucesso">Conta criada. Entre para continuar.</Alerta>}
        <div style={{ marginTop: "1rem" }}>
          <Abas
            rotulo="Tipo de conta"
            abas={[
              { chave: "paciente", rotulo: "Paciente" },
              { chave: "medico", rotulo: "Médico" },
            ]}
            ativa={perfil}
            aoTrocar={trocar}
          >
            {perfil === "paciente" ? (
              <FormEntrarPaciente aoEntrar={aoEntrar} />
            ) : (
              <FormEntrarMedico aoEntrar={aoEntrar} />
            )}
          </Abas>
        </div>
        <div className="acoes-form" style={{ marginTop: "1rem" }}>
          <Link to={`/recuperar-senha?perfil=${perfil}`}>Esqueci minha senha</Link>
          {perfil === "paciente" && <Link to="/cadastro">Criar conta de paciente</Link>}
        </div>
      </Pagina>
    </div>
  );
}
