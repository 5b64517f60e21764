import { createRoot } from "react-dom/client";
import { App } from "@/app/App";
import { restaurarSessao } from "@/lib/session";
import "@/styles/global.css";

// The access token lives in memory: after a reload it comes back from the refresh cookie.
void restaurarSessao();

const raiz = document.getElementById("root");
if (!raiz) throw new Error("elemento #root ausente em index.html");
createRoot(raiz).render(<App />);
