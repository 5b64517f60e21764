import { lazy } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { CadastroRota } from "@/features/auth/routes/cadastro";
import { EntrarRota } from "@/features/auth/routes/entrar";
import { DesfazerEmailRota } from "@/features/auth/routes/desfazer-email";
import { RecuperarSenhaRota } from "@/features/auth/routes/recuperar-senha";
import { ExigirSessao } from "./ExigirSessao";
import { Layout } from "./Layout";
import { InicioRota } from "./routes/inicio";
import { LandingRota } from "./routes/landing";
import { ErroRota } from "./routes/erro";
import { NaoEncontradaRota } from "./routes/nao-encontrada";

// The pages behind a login or a search load on demand; the landing and login pages ship first.
const AgendaRota = lazy(() =>
  import("@/features/agenda/routes/agenda").then((m) => ({ default: m.AgendaRota })),
);
const ConsultasRota = lazy(() =>
  import("@/features/consultas/routes/consultas").then((m) => ({ default: m.ConsultasRota })),
);
const BuscaRota = lazy(() =>
  import("@/features/medicos/routes/busca").then((m) => ({ default: m.BuscaRota })),
);
const MedicoRota = lazy(() =>
  import("@/features/medicos/routes/medico").then((m) => ({ default: m.MedicoRota })),
);
const ProntuarioRota = lazy(() =>
  import("@/features/prontuario/routes/prontuario").then((m) => ({ default: m.ProntuarioRota })),
);
const CompartilhadosRota = lazy(() =>
  import("@/features/prontuario/routes/compartilhados").then((m) => ({ default: m.CompartilhadosRota })),
);
const DocumentosCompartilhadosRota = lazy(() =>
  import("@/features/prontuario/routes/compartilhados").then((m) => ({
    default: m.DocumentosCompartilhadosRota,
  })),
);

const RegistroClinicoRota = lazy(() =>
  import("@/features/prontuario/routes/registro-clinico").then((m) => ({ default: m.RegistroClinicoRota })),
);
const VerificarRota = lazy(() =>
  import("@/features/prontuario/routes/verificar").then((m) => ({ default: m.VerificarRota })),
);

const SalaRota = lazy(() => import("@/features/sala/routes/sala").then((m) => ({ default: m.SalaRota })));

const PerfilRota = lazy(() =>
  import("@/features/paciente/routes/perfil").then((m) => ({ default: m.PerfilRota })),
);

const ContaEncerradaRota = lazy(() =>
  import("@/features/paciente/routes/conta-encerrada").then((m) => ({ default: m.ContaEncerradaRota })),
);

const PerfilMedicoRota = lazy(() =>
  import("@/features/medicos/routes/perfil-medico").then((m) => ({ default: m.PerfilMedicoRota })),
);

/** Every page of the app (the gateway answers index.html for all of them). */
export function criarRoteador() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <ErroRota />,
      children: [
        { path: "/", element: <LandingRota /> },
        { path: "/entrar", element: <EntrarRota /> },
        { path: "/cadastro", element: <CadastroRota /> },
        { path: "/recuperar-senha", element: <RecuperarSenhaRota /> },
        { path: "/desfazer-email", element: <DesfazerEmailRota /> },
        { path: "/conta-encerrada", element: <ContaEncerradaRota /> },
        { path: "/buscar", element: <BuscaRota /> },
        { path: "/medicos/:medicoId", element: <MedicoRota /> },
        { path: "/verificar/:codigo", element: <VerificarRota /> },
        {
          path: "/inicio",
          element: (
            <ExigirSessao>
              <InicioRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/consultas",
          element: (
            <ExigirSessao>
              <ConsultasRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/consultas/:consultaId/registro",
          element: (
            <ExigirSessao papel="medico">
              <RegistroClinicoRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/agenda",
          element: (
            <ExigirSessao papel="medico">
              <AgendaRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/prontuario",
          element: (
            <ExigirSessao papel="paciente">
              <ProntuarioRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/compartilhados",
          element: (
            <ExigirSessao papel="medico">
              <CompartilhadosRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/compartilhados/:pacienteId",
          element: (
            <ExigirSessao papel="medico">
              <DocumentosCompartilhadosRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/sala/:consultaId",
          element: (
            <ExigirSessao>
              <SalaRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/perfil",
          element: (
            <ExigirSessao papel="paciente">
              <PerfilRota />
            </ExigirSessao>
          ),
        },
        {
          path: "/meu-perfil",
          element: (
            <ExigirSessao papel="medico">
              <PerfilMedicoRota />
            </ExigirSessao>
          ),
        },
        { path: "*", element: <NaoEncontradaRota /> },
      ],
    },
  ]);
}

const roteador = criarRoteador();

/** The app's router. */
export function Roteador() {
  return <RouterProvider router={roteador} />;
}
