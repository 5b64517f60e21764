import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSessao, useSessaoPronta, type Papel } from "@/lib/session";

/**
 * Guards a page: without a session (never logged in, logged out, or the refresh token
 * refused) it sends the user to the login page and back here afterwards.
 */
export function ExigirSessao({ papel, children }: { papel?: Papel; children: ReactNode }) {
  const sessao = useSessao();
  const pronta = useSessaoPronta();
  const local = useLocation();
  // A reload: the session is coming back from the refresh cookie; wait before deciding.
  if (!sessao && !pronta) return null;
  if (!sessao) {
    const proximo = encodeURIComponent(local.pathname + local.search);
    const perfil = papel ? `&perfil=${papel}` : "";
    return <Navigate to={`/entrar?proximo=${proximo}${perfil}`} replace />;
  }
  if (papel && sessao.papel !== papel) return <Navigate to="/inicio" replace />;
  return <>{children}</>;
}
