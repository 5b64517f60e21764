import { Link, useNavigate } from "react-router";
import { Pagina } from "@/components/Pagina";
import { FormCadastro } from "../components/FormCadastro";

/** /cadastro: patient sign-up. */
export function CadastroRota() {
  const navegar = useNavigate();
  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Criar conta de paciente">
        <p className="subtitulo">Leva menos de um minuto. Seus dados ficam protegidos e criptografados.</p>
        <FormCadastro aoConcluir={() => navegar("/inicio", { replace: true, state: { boasVindas: true } })} />
        <p style={{ marginTop: "1rem" }}>
          Já tem conta? <Link to="/entrar">Entrar</Link>
        </p>
      </Pagina>
    </div>
  );
}
