import { isRouteErrorResponse, Link, useRouteError } from "react-router";

/**
 * What a page shows when it crashes or its code cannot be loaded (e.g. a new version was
 * published while the tab was open): a way forward instead of a blank screen.
 */
export function ErroRota() {
  const erro = useRouteError();
  const carregamento =
    erro instanceof TypeError &&
    /dynamically imported module|Importing a module script failed/i.test(erro.message);
  console.error(erro);
  return (
    <main className="principal" id="conteudo">
      <div className="container">
        <div className="cartao cartao--estreito">
          <h1>{carregamento ? "Há uma versão nova do HealthMed" : "Algo deu errado"}</h1>
          <p>
            {carregamento
              ? "Recarregue a página para continuar."
              : isRouteErrorResponse(erro) && erro.status === 404
                ? "Esta página não existe."
                : "Recarregue a página. Se o problema continuar, tente de novo mais tarde."}
          </p>
          <div className="acoes-form">
            <button type="button" className="botao" onClick={() => window.location.reload()}>
              Recarregar
            </button>
            <Link to="/">Ir para o início</Link>
          </div>
        </div>
      </div>
    </main>
  );
}
