import { Link } from "react-router";
import { Pagina } from "@/components/Pagina";

/** /buscar until the doctor search API is published. */
export function BuscaEmBreveRota() {
  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Buscar médicos">
        <p>A busca de médicos estará disponível em breve.</p>
        <Link to="/">Voltar para o início</Link>
      </Pagina>
    </div>
  );
}
