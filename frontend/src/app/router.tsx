import { createBrowserRouter, RouterProvider } from "react-router";
import { CadastroRota } from "@/features/auth/routes/cadastro";
import { EntrarRota } from "@/features/auth/routes/entrar";
import { RecuperarSenhaRota } from "@/features/auth/routes/recuperar-senha";
import { AgendaRota } from "@/features/agenda/routes/agenda";
import { ConsultasRota } from "@/features/consultas/routes/consultas";
import { BuscaRota } from "@/features/medicos/routes/busca";
import {
  CompartilhadosRota,
  DocumentosCompartilhadosRota,
} from "@/features/prontuario/routes/compartilhados";
import { ProntuarioRota } from "@/features/prontuario/routes/prontuario";
import { MedicoRota } from "@/features/medicos/routes/medico";
import { ExigirSessao } from "./ExigirSessao";
import { Layout } from "./Layout";
import { InicioRota } from "./routes/inicio";
import { LandingRota } from "./routes/landing";
import { NaoEncontradaRota } from "./routes/nao-encontrada";

/** Every page of the app (the gateway answers index.html for all of them). */
export function criarRoteador() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { path: "/", element: <LandingRota /> },
        { path: "/entrar", element: <EntrarRota /> },
        { path: "/cadastro", element: <CadastroRota /> },
        { path: "/recuperar-senha", element: <RecuperarSenhaRota /> },
        { path: "/buscar", element: <BuscaRota /> },
        { path: "/medicos/:medicoId", element: <MedicoRota /> },
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
