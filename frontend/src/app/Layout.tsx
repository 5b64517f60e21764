import { Suspense, useState } from "react";
import { Link, NavLink, Outlet, useNavigate } from "react-router";
import { Carregando } from "@/components/Estados";
import { Logo } from "@/components/Marca";
import { sair } from "@/features/auth/api/sair";
import { useSessao } from "@/lib/session";

/** The frame of every page: skip link, header with navigation, main content, footer. */
export function Layout() {
  const sessao = useSessao();
  const navegar = useNavigate();
  const [saindo, setSaindo] = useState(false);

  async function aoSair() {
    setSaindo(true);
    await sair();
    setSaindo(false);
    navegar("/", { replace: true });
  }

  return (
    <div className="app">
      <a className="pular" href="#conteudo">
        Pular para o conteúdo
      </a>
      <header className="topo">
        <div className="container topo__barra">
          <Link to={sessao ? "/inicio" : "/"} className="marca">
            <Logo />
            <span>HealthMed</span>
          </Link>
          <nav className="topo__nav" aria-label="Principal">
            {sessao ? (
              <>
                <NavLink to="/inicio" className="so-desktop">
                  Minha área
                </NavLink>
                {sessao.papel === "medico" && (
                  <NavLink to="/agenda" className="so-desktop">
                    Agenda
                  </NavLink>
                )}
                <NavLink to="/consultas">Consultas</NavLink>
                <button type="button" className="botao botao--texto" onClick={aoSair} disabled={saindo}>
                  Sair
                </button>
              </>
            ) : (
              <>
                <NavLink to="/entrar">Entrar</NavLink>
                <Link to="/cadastro" className="botao topo__criar">
                  Criar conta
                </Link>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="conteudo" className="principal" tabIndex={-1}>
        <div className="container">
          <Suspense fallback={<Carregando />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <footer className="rodape">
        <div className="container">
          HealthMed · Telemedicina com segurança. Em emergências, ligue 192 (SAMU).
        </div>
      </footer>
    </div>
  );
}
