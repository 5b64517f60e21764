import { createRoot } from "react-dom/client";
// The base styles first: every other stylesheet (a feature's, a page's) comes after them.
import "@/styles/global.css";
import { App } from "@/app/App";
import { restaurarSessao } from "@/lib/session";

// The access token lives in memory: after a reload it comes back from the refresh cookie.
void restaurarSessao();

const raiz = document.getElementById("root");
if (!raiz) throw new Error("elemento #root ausente em index.html");
createRoot(raiz).render(<App />);
