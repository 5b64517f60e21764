import { Link } from "react-router";
import { Pagina } from "@/components/Pagina";

/** Any unknown path. */
export function NaoEncontradaRota() {
  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Página não encontrada">
        <p>O endereço que você abriu não existe ou mudou.</p>
        <Link to="/" className="botao">
          Ir para o início
        </Link>
      </Pagina>
    </div>
  );
}
