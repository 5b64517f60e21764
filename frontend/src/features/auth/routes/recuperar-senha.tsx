import { Link, useNavigate, useSearchParams } from "react-router";
import { Abas } from "@/components/Abas";
import { Pagina } from "@/components/Pagina";
import { FormNovaSenha } from "../components/FormNovaSenha";
import { FormPedirRecuperacao } from "../components/FormPedirRecuperacao";

type Perfil = "paciente" | "medico";

/** /recuperar-senha: ask for a link; with `?token=` (the e-mailed link) set the new password. */
export function RecuperarSenhaRota() {
  const [params, setParams] = useSearchParams();
  const navegar = useNavigate();
  const token = params.get("token");
  const perfil: Perfil = params.get("perfil") === "medico" ? "medico" : "paciente";

  if (token) {
    return (
      <div className="cartao cartao--estreito">
        <Pagina titulo="Nova senha">
          <p className="subtitulo">
            Escolha uma nova senha. Depois disso, as sessões abertas serão encerradas.
          </p>
          <FormNovaSenha
            token={token}
            aoConcluir={() => navegar("/entrar?aviso=senha-alterada", { replace: true })}
          />
        </Pagina>
      </div>
    );
  }

  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Recuperar senha">
        <p className="subtitulo">Enviaremos um link para o e-mail da sua conta.</p>
        <Abas
          rotulo="Tipo de conta"
          abas={[
            { chave: "paciente", rotulo: "Paciente" },
            { chave: "medico", rotulo: "Médico" },
          ]}
          ativa={perfil}
          aoTrocar={(novo) => setParams({ perfil: novo }, { replace: true })}
        >
          <FormPedirRecuperacao key={perfil} perfil={perfil} />
        </Abas>
        <p style={{ marginTop: "1rem" }}>
          <Link to={`/entrar?perfil=${perfil}`}>Voltar para entrar</Link>
        </p>
      </Pagina>
    </div>
  );
}
